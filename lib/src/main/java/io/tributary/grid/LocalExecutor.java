package io.tributary.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs cells on this machine, {@code parallel} JVMs at a time, each a child of this process that
 * ends with it ({@link CellProcess}): a killed grid leaves no cell training on.
 */
public final class LocalExecutor implements CellExecutor {

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
                pending.add(
                        workers.submit(
                                () -> CellExecutor.runTwice(index, k -> start(jobs, k), listener)));
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

    private static CellProcess.Ended start(CellJobs jobs, int index) {
        return CellProcess.run(jobs.command(Integer.toString(index)), new ProcessBuilder());
    }
}
