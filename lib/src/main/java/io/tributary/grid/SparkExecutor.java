package io.tributary.grid;

import io.tributary.core.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs cells as Spark tasks, one task a cell, whose work is the cell's JVM: this process starts the
 * Spark driver ({@code io.tributary.spark.SparkCells}, the {@code spark/} module) as a child JVM
 * from the Java argument file that module's build writes ({@link #ARGS_PROPERTY}), so that this
 * library carries no Spark. The driver runs a failed cell once more itself and reports each cell on
 * its standard output, one line each: {@code INDEX<tab>progress|ended|failed<tab>TEXT}.
 */
public final class SparkExecutor implements CellExecutor {

    /**
     * The system property naming the driver's Java argument file ({@code
     * spark/target/spark-driver.args}: the JVM options Spark needs and its class path), which
     * {@code ./msa} sets.
     */
    public static final String ARGS_PROPERTY = "tributary.spark.args";

    /** The exit code of a driver whose Spark context would not start on the master given. */
    public static final int MASTER_REFUSED = 2;

    /** The driver's main class, in the {@code spark/} module. */
    private static final String DRIVER = "io.tributary.spark.SparkCells";

    private final String master;

    /**
     * @param master a Spark master URL: {@code local[N]}, {@code local[N,F]}, {@code spark://..}
     */
    public SparkExecutor(String master) {
        this.master = master;
    }

    @Override
    public void run(CellJobs jobs, List<Integer> indices, Listener listener) {
        String args = System.getProperty(ARGS_PROPERTY);
        if (args == null || !Files.isRegularFile(Path.of(args))) {
            throw new InputException(
                    "--executor spark: no Spark driver ("
                            + ARGS_PROPERTY
                            + "="
                            + args
                            + "): run ./msa, which builds the spark/ module");
        }
        List<String> command = new ArrayList<>();
        command.add(jobs.java().get(0));
        command.addAll(List.of("@" + args, DRIVER));
        command.addAll(List.of("--master", master, "--cells", jobs.file().toString()));
        indices.forEach(index -> command.addAll(List.of("--index", Integer.toString(index))));
        Set<Integer> open = new LinkedHashSet<>(indices);
        int exit;
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put(CellProcess.EXIT_WITH_PARENT, "1");
            Process driver = builder.start();
            try (BufferedReader lines =
                    new BufferedReader(
                            new InputStreamReader(
                                    driver.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    report(line, listener, open);
                }
            }
            exit = driver.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Spark driver ran", e);
        }
        if (exit == MASTER_REFUSED && open.size() == indices.size()) {
            throw new InputException(
                    "--master " + master + ": Spark did not start there (its error above)");
        }
        for (int index : open) {
            listener.failed(index, "the Spark driver exited with code " + exit);
        }
    }

    /** The driver's line for cell {@code index}: {@code event} progress, ended or failed. */
    public static String line(int index, String event, String text) {
        return index + "\t" + event + "\t" + text;
    }

    /** Passes one of the driver's lines on; a cell that ended or failed is no longer open. */
    private static void report(String line, Listener listener, Set<Integer> open) {
        String[] parts = line.split("\t", 3);
        if (parts.length != 3 || !parts[0].matches("\\d+")) {
            System.err.println(line);
            return;
        }
        int index = Integer.parseInt(parts[0]);
        switch (parts[1]) {
            case "progress" -> listener.progress(index, parts[2]);
            case "ended" -> {
                listener.ended(index, CellRun.Outcome.parse(parts[2]));
                open.remove(index);
            }
            case "failed" -> {
                listener.failed(index, parts[2]);
                open.remove(index);
            }
            default -> System.err.println(line);
        }
    }
}
