package io.tributary.grid;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Where a grid's cells run: this machine ({@link LocalExecutor}), a Slurm job array or Spark tasks.
 * An executor only decides where each cell's JVM ({@link CellJobs#command}) runs, with the cores of
 * the cell's {@link Cell#threads threads}; what a cell does there is {@link CellRun}'s, the same
 * under every executor. A cell whose JVM failed (or was cancelled, timed out, or lost its node) is
 * run once more, and resumes from its last complete epoch.
 */
public interface CellExecutor {

    /** Hears what becomes of each cell, from whichever thread the executor reports on. */
    interface Listener {

        /**
         * Cell {@code index}'s JVM started, was resubmitted, or did something else worth a line.
         */
        void progress(int index, String what);

        /** Cell {@code index} ended as its JVM printed. */
        void ended(int index, CellRun.Outcome outcome);

        /** Cell {@code index} failed twice, the last time as {@code why} says. */
        void failed(int index, String why);
    }

    /** Runs cells {@code indices} of {@code jobs}, returning when every one has ended or failed. */
    void run(CellJobs jobs, List<Integer> indices, Listener listener);

    /**
     * Runs cell {@code index} by {@code attempt}, and once more when that failed, telling {@code
     * listener}: what every executor does with a cell. An attempt that did not even get the cell's
     * JVM an exit code (a lost task) has a negative one and says why in its line.
     */
    static void runTwice(int index, IntFunction<CellProcess.Ended> attempt, Listener listener) {
        listener.progress(index, "starting");
        CellProcess.Ended first = attempt.apply(index);
        if (first.exitCode() == 0) {
            listener.ended(index, CellRun.Outcome.parse(first.line()));
            return;
        }
        listener.progress(index, "failed (" + why(first) + "): running it once more");
        CellProcess.Ended second = attempt.apply(index);
        if (second.exitCode() == 0) {
            listener.ended(index, CellRun.Outcome.parse(second.line()));
        } else {
            listener.failed(index, why(second));
        }
    }

    private static String why(CellProcess.Ended failed) {
        return failed.exitCode() < 0 ? failed.line() : "exit code " + failed.exitCode();
    }
}
