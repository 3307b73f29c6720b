package io.tributary.grid;

import io.tributary.core.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slurm's own commands, as this machine's {@code PATH} has them: {@code sbatch} submits, {@code
 * squeue} says what is queued or running, and {@code sacct} (where the cluster keeps accounting) or
 * else {@code scontrol} (for the minutes Slurm keeps a finished job) says how a task ended.
 */
final class SlurmCommands {

    private static final Pattern STATE = Pattern.compile("JobState=(\\S+)");
    private static final Pattern EXIT = Pattern.compile("ExitCode=(\\S+)");

    private final boolean accounting;

    /**
     * Checks that a cluster answers, and whether it keeps accounting.
     *
     * @throws InputException when Slurm's commands are absent or no controller answers
     */
    SlurmCommands() {
        Result config;
        try {
            config = run(List.of("scontrol", "show", "config"));
        } catch (UncheckedIOException e) {
            throw new InputException(
                    "--executor slurm: scontrol is not on the PATH; run on a Slurm login node, or"
                            + " start a one-node cluster with cluster/slurm-local start");
        }
        if (config.code != 0) {
            throw new InputException(
                    "--executor slurm: no Slurm controller answered ("
                            + config.out.strip().lines().findFirst().orElse("")
                            + "); is the cluster up? (cluster/slurm-local start)");
        }
        accounting =
                config.out
                        .lines()
                        .anyMatch(
                                line ->
                                        line.startsWith("AccountingStorageType")
                                                && !line.contains("accounting_storage/none"));
    }

    /** Submits {@code script}; returns the job's id. */
    String submit(Path script) {
        Result result = run(List.of("sbatch", "--parsable", script.toString()));
        if (result.code != 0) {
            throw new InputException("sbatch " + script + ": " + result.out.strip());
        }
        return result.out.strip().split(";")[0];
    }

    /**
     * The tasks of {@code jobs} that Slurm still holds (pending, running, requeued): each job's
     * array indices, with their {@link #state}.
     *
     * @return empty when {@code squeue} failed (the caller asks again later)
     */
    Optional<Map<String, Map<Integer, String>>> queued(List<String> jobs) {
        Result result =
                run(
                        List.of(
                                "squeue",
                                "--noheader",
                                "--array",
                                "--user",
                                System.getProperty("user.name"),
                                "--format",
                                "%F %K %T %r"));
        if (result.code != 0) {
            return Optional.empty();
        }
        Map<String, Map<Integer, String>> queued = new HashMap<>();
        for (String line : result.out.strip().lines().toList()) {
            String[] words = line.strip().split("\\s+", 4);
            if (words.length == 4 && jobs.contains(words[0]) && words[1].matches("\\d+")) {
                queued.computeIfAbsent(words[0], job -> new HashMap<>())
                        .put(Integer.parseInt(words[1]), state(words[2], words[3]));
            }
        }
        return Optional.of(queued);
    }

    /**
     * A task's state, and why it waits where that is not the usual wait for its turn or for free
     * cores: {@code PENDING PartitionConfig} says that no node of the partition has the cores asked
     * for, and the task will wait until someone cancels it.
     */
    private static String state(String state, String reason) {
        return state.equals("PENDING") && !Set.of("None", "Priority", "Resources").contains(reason)
                ? state + " " + reason
                : state;
    }

    /**
     * How task {@code index} of {@code job} ended, as {@code sacct} or {@code scontrol} says: its
     * state and exit code ({@code CANCELLED 0:15}), or empty where Slurm no longer knows.
     */
    Optional<String> ended(String job, int index) {
        String task = job + "_" + index;
        if (accounting) {
            Result result =
                    run(
                            List.of(
                                    "sacct",
                                    "--noheader",
                                    "--parsable2",
                                    "--allocations",
                                    "--jobs",
                                    task,
                                    "--format",
                                    "State,ExitCode"));
            String line = result.out.strip().lines().findFirst().orElse("");
            return result.code == 0 && !line.isEmpty()
                    ? Optional.of(line.replace('|', ' '))
                    : Optional.empty();
        }
        Result result = run(List.of("scontrol", "--oneliner", "show", "job", task));
        Matcher state = STATE.matcher(result.out);
        Matcher exit = EXIT.matcher(result.out);
        return result.code == 0 && state.find() && exit.find()
                ? Optional.of(state.group(1) + " " + exit.group(1))
                : Optional.empty();
    }

    private record Result(int code, String out) {}

    /** Runs a command, its standard output and error together. */
    private static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + command.get(0) + " ran", e);
        }
    }
}
