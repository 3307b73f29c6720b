package io.tributary.grid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs cells on this machine, {@code parallel} JVMs at a time, each a child of this process that
 * ends with it ({@link #EXIT_WITH_PARENT}): a killed grid leaves no cell training on.
 */
public final class LocalExecutor implements CellExecutor {

    /** The environment variable that makes a cell's JVM exit when the grid's process ends. */
    public static final String EXIT_WITH_PARENT = "MSA_EXIT_WITH_PARENT";

    private final int parallel;

    public LocalExecutor(int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel " + parallel + ": expected at least 1");
        }
        this.parallel = parallel;
    }

    @Override
    public void run(CellJobs jobs, List<Integer> indices, Listener listener) {
        ExecutorService workers = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (int index : indices) {
                pending.add(workers.submit(() -> runTwice(jobs, index, listener)));
            }
            for (Future<?> future : pending) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            workers.shutdownNow();
        }
    }

    private static void runTwice(CellJobs jobs, int index, Listener listener) {
        listener.progress(index, "starting");
        Ended first = start(jobs, index);
        if (first.exitCode() == 0) {
            listener.ended(index, CellRun.Outcome.parse(first.line()));
            return;
        }
        listener.progress(
                index, "failed (exit code " + first.exitCode() + "): running it once more");
        Ended second = start(jobs, index);
        if (second.exitCode() == 0) {
            listener.ended(index, CellRun.Outcome.parse(second.line()));
        } else {
            listener.failed(index, "exit code " + second.exitCode());
        }
    }

    /** A cell's JVM's exit code and the last line it printed, its outcome. */
    private record Ended(int exitCode, String line) {}

    /** Runs the cell's JVM, its progress on this process's standard error. */
    private static Ended start(CellJobs jobs, int index) {
        ProcessBuilder builder =
                new ProcessBuilder(jobs.command(Integer.toString(index)))
                        .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put(EXIT_WITH_PARENT, "1");
        Process process = null;
        try {
            process = builder.start();
            String out =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = out.strip().lines().toList();
            return new Ended(process.waitFor(), lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while " + jobs.cells().get(index).describe() + " ran", e);
        }
    }
}
