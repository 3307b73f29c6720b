package io.tributary.grid;

import io.tributary.core.AtomicFiles;
import io.tributary.report.CellStatus;
import io.tributary.train.RunDivergedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * What one cell's JVM does, whichever executor started it ({@code ./msa cell}), so that a cell ends
 * the same on this machine, in a Slurm array task or in a Spark task:
 *
 * <ul>
 *   <li>it holds the cell's lock ({@code seed-N.lock} beside its folder) while it runs; the
 *       operating system releases it when the JVM dies, so no cell is ever run twice at once, and a
 *       cell locked by another process is skipped;
 *   <li>a finished cell (its {@code result.json}) or a diverged one (its {@code cell.json}) is not
 *       run again; an unfinished one resumes from its last complete epoch ({@code train --resume});
 *   <li>a cell whose data file or BERT folder is absent is recorded as missing ({@code cell.json});
 *       a run that diverges is recorded as diverged;
 *   <li>a finished run keeps its model or not ({@link KeepModels}).
 * </ul>
 *
 * A training that fails otherwise fails the cell's JVM with the training's exit code, and its
 * executor runs the cell once more.
 */
public final class CellRun {

    /** How a cell's JVM ended, the one line {@code ./msa cell} prints. */
    public enum Outcome {
        /** Trained now, to its {@code result.json}. */
        DONE("done"),
        /** Its record was there already. */
        FINISHED("finished before"),
        /** Recorded as diverged. */
        DIVERGED("diverged"),
        /** Recorded as missing its data file or BERT folder. */
        MISSING("missing its input"),
        /** Another process holds its lock. */
        LOCKED("running in another process: skipped");

        private final String line;

        Outcome(String line) {
            this.line = line;
        }

        /** What {@code ./msa cell} prints. */
        public String line() {
            return line;
        }

        /** The outcome {@code line} stands for. */
        public static Outcome parse(String line) {
            for (Outcome outcome : values()) {
                if (outcome.line.equals(line.strip())) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("not a cell's outcome: '" + line + "'");
        }
    }

    private CellRun() {}

    /** Whether {@code folder} holds a finished cell: its result, or the record that it diverged. */
    public static boolean finished(Path folder) {
        return Files.isRegularFile(folder.resolve("result.json"))
                || Files.isRegularFile(folder.resolve(CellStatus.FILE))
                        && CellStatus.read(folder).status() == CellStatus.Status.DIVERGED;
    }

    /**
     * Runs {@code cell} under its lock, training it with {@code train} ({@code ./msa} arguments to
     * an exit code).
     *
     * @return how it ended
     * @throws CellFailedException when the training failed other than by diverging
     */
    public static Outcome run(Cell cell, KeepModels keep, ToIntFunction<List<String>> train) {
        try {
            Files.createDirectories(cell.folder().getParent());
            Path lockFile = cell.folder().resolveSibling(cell.folder().getFileName() + ".lock");
            try (FileChannel channel =
                            FileChannel.open(
                                    lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock()) {
                return lock == null ? Outcome.LOCKED : runLocked(cell, keep, train);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Outcome runLocked(Cell cell, KeepModels keep, ToIntFunction<List<String>> train)
            throws IOException {
        if (finished(cell.folder())) {
            return Outcome.FINISHED;
        }
        Files.deleteIfExists(cell.folder().resolve(CellStatus.FILE));
        var missing = cell.missingInput();
        if (missing.isPresent()) {
            record(cell, CellStatus.Status.MISSING, missing.get());
            return Outcome.MISSING;
        }
        Files.createDirectories(cell.folder());
        int exit = train.applyAsInt(cell.trainArguments());
        if (exit == RunDivergedException.EXIT_CODE) {
            record(cell, CellStatus.Status.DIVERGED, "the run diverged (exit code " + exit + ")");
            return Outcome.DIVERGED;
        }
        if (exit != 0) {
            throw new CellFailedException(exit);
        }
        if (keep == KeepModels.NONE) {
            AtomicFiles.deleteFolder(cell.folder().resolve("model"));
        }
        return Outcome.DONE;
    }

    private static void record(Cell cell, CellStatus.Status status, String reason) {
        new CellStatus(cell.row(), cell.seed(), cell.datasetLabel(), status, reason)
                .write(cell.folder());
    }

    /** A cell's training failed other than by diverging; its JVM exits with the same code. */
    public static final class CellFailedException extends RuntimeException {
        private final int exitCode;

        CellFailedException(int exitCode) {
            super("the cell's training failed (exit code " + exitCode + ")");
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }
}
