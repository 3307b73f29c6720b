package io.tributary.grid;

import io.tributary.core.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Runs cells as one Slurm job array ({@link SlurmScript}): task K runs cell K on the file system
 * the nodes share, and this process follows the array with {@code squeue} until every task has left
 * the queue. A task that ends without its cell's outcome (it failed, or Slurm cancelled it, timed
 * it out, pre-empted it or lost its node) is resubmitted once, as a task of a new array, and its
 * cell resumes from its last complete epoch; a finished cell is never submitted again.
 */
public final class SlurmExecutor implements CellExecutor {

    /** How often {@code squeue} is asked. */
    private static final long POLL_MILLIS = 5_000;

    /** How long a completed task's outcome may take to show on a shared file system. */
    private static final long VISIBLE_MILLIS = 60_000;

    /** How many {@code squeue} calls in a row may fail before the grid gives up. */
    private static final int SQUEUE_TRIES = 24;

    private final SlurmOptions options;
    private final PrintStream log;
    private final PrintWriter dryRun;

    private SlurmExecutor(SlurmOptions options, PrintStream log, PrintWriter dryRun) {
        this.options = options;
        this.log = log;
        this.dryRun = dryRun;
    }

    /**
     * An executor that submits the cells to the cluster this machine's Slurm commands reach.
     *
     * @param options what {@code sbatch} is told besides the array
     * @param log where the arrays' job ids go
     */
    public static SlurmExecutor submitting(SlurmOptions options, PrintStream log) {
        return new SlurmExecutor(options, log, null);
    }

    /** An executor that prints the array's script on {@code out} and submits nothing. */
    public static SlurmExecutor dryRun(SlurmOptions options, PrintWriter out) {
        return new SlurmExecutor(options, null, out);
    }

    @Override
    public void run(CellJobs jobs, List<Integer> indices, Listener listener) {
        if (dryRun != null) {
            dryRun.print(script(jobs, indices));
            dryRun.flush();
        } else {
            new Follow(new SlurmCommands(), jobs, listener).run(indices);
        }
    }

    private String script(CellJobs jobs, List<Integer> indices) {
        return new SlurmScript(jobs, indices, folder(jobs), options).text();
    }

    private static Path folder(CellJobs jobs) {
        return jobs.file().resolveSibling("slurm");
    }

    /** One grid's arrays, followed until every cell has ended or failed twice. */
    private final class Follow {
        private final SlurmCommands slurm;
        private final CellJobs jobs;
        private final Listener listener;
        private final Path folder;
        private final Map<Integer, String> jobOf = new HashMap<>();
        private final Map<Integer, String> stateOf = new HashMap<>();
        private final Map<Integer, Integer> attempts = new HashMap<>();

        Follow(SlurmCommands slurm, CellJobs jobs, Listener listener) {
            this.slurm = slurm;
            this.jobs = jobs;
            this.listener = listener;
            this.folder = folder(jobs);
        }

        void run(List<Integer> indices) {
            submit(indices);
            int failedQueries = 0;
            while (!jobOf.isEmpty()) {
                sleep(POLL_MILLIS);
                var queued = slurm.queued(List.copyOf(new TreeSet<>(jobOf.values())));
                if (queued.isEmpty()) {
                    if (++failedQueries == SQUEUE_TRIES) {
                        throw new IllegalStateException(
                                "squeue failed " + SQUEUE_TRIES + " times in a row");
                    }
                    continue;
                }
                failedQueries = 0;
                List<Integer> again = new ArrayList<>();
                for (int index : new TreeSet<>(jobOf.keySet())) {
                    String job = jobOf.get(index);
                    String state = queued.get().getOrDefault(job, Map.of()).get(index);
                    if (state == null) {
                        jobOf.remove(index);
                        stateOf.remove(index);
                        ended(index, job).ifPresent(again::add);
                    } else {
                        changed(index, job, stateOf.put(index, state), state);
                    }
                }
                if (!again.isEmpty()) {
                    submit(again);
                }
            }
        }

        /** Says when a task's state changed, but not that it waits at first: submitting did. */
        private void changed(int index, String job, String before, String state) {
            if (!state.equals(before) && !(before == null && state.equals("PENDING"))) {
                String[] words = state.split(" ", 2);
                listener.progress(
                        index,
                        words[0].toLowerCase()
                                + (words.length == 2 ? ": " + words[1] : "")
                                + " (job "
                                + job
                                + "_"
                                + index
                                + ")");
            }
        }

        /** Submits cells {@code indices} as one array. */
        private void submit(List<Integer> indices) {
            try {
                Files.createDirectories(folder.resolve("logs"));
                Files.createDirectories(folder.resolve("ended"));
                for (int index : indices) {
                    Files.deleteIfExists(ended(index));
                }
                Path script;
                int n = 0;
                do {
                    script = folder.resolve("array-" + ++n + ".sbatch");
                } while (Files.exists(script));
                AtomicFiles.writeString(script, script(jobs, indices));
                String job = slurm.submit(script);
                for (int index : indices) {
                    jobOf.put(index, job);
                    attempts.merge(index, 1, Integer::sum);
                }
                log.printf(
                        "slurm: job %s (%s), %d cells: 'scancel %s' cancels them; logs in %s%n",
                        job, script, indices.size(), job, folder.resolve("logs"));
                log.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Reports how the task of cell {@code index} ended; returns the index when the cell is to
         * be submitted once more.
         */
        private Optional<Integer> ended(int index, String job) {
            Optional<String> slurmSays = slurm.ended(job, index);
            List<String> left = left(index, slurmSays);
            String last = left.isEmpty() ? "" : left.get(left.size() - 1);
            if (last.equals("exit 0") && left.size() >= 2) {
                listener.ended(index, CellRun.Outcome.parse(left.get(left.size() - 2)));
                return Optional.empty();
            }
            String why =
                    (last.startsWith("exit ") ? "exit code " + last.substring(5) : "no outcome")
                            + slurmSays.map(says -> ", Slurm says " + says).orElse("")
                            + "; log: "
                            + folder.resolve("logs")
                                    .resolve("cell-" + index + ".job-" + job + ".log");
            if (attempts.get(index) == 1) {
                listener.progress(index, "failed (" + why + "): submitting it once more");
                return Optional.of(index);
            }
            listener.failed(index, why);
            return Optional.empty();
        }

        /**
         * The lines task {@code index} left (none when Slurm killed it), waiting a while for them
         * where Slurm says it completed: a shared file system may show a file late.
         */
        private List<String> left(int index, Optional<String> slurmSays) {
            boolean completed = slurmSays.filter(says -> says.startsWith("COMPLETED")).isPresent();
            long waited = 0;
            while (!Files.isRegularFile(ended(index)) && completed && waited < VISIBLE_MILLIS) {
                sleep(1_000);
                waited += 1_000;
            }
            try {
                return Files.isRegularFile(ended(index))
                        ? Files.readAllLines(ended(index))
                        : List.of();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Path ended(int index) {
            return folder.resolve("ended").resolve("cell-" + index);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while following the Slurm array", e);
        }
    }
}
