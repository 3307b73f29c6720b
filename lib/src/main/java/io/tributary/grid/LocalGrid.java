package io.tributary.grid;

import com.google.gson.annotations.SerializedName;
import io.tributary.core.AtomicFiles;
import io.tributary.report.CellStatus;
import io.tributary.report.ResultsTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs an experiment's cells on this machine, each in a JVM of its own ({@code ./msa train
 * --resume}), {@code parallel} at a time, and rebuilds the tables after every cell. It runs a
 * search's trials the same way ({@link #withoutTables}), cells that are no table's rows.
 *
 * <ul>
 *   <li>A finished cell (its {@code result.json}) or a diverged one (its {@code cell.json}) is
 *       never run again; an unfinished one resumes from its last complete epoch.
 *   <li>A cell whose data file or BERT folder is absent is recorded as missing ({@code cell.json})
 *       and shown so in the tables.
 *   <li>A cell that fails otherwise is run once more (it resumes); a second failure is reported and
 *       the grid goes on.
 *   <li>A worker holds the cell's lock ({@code seed-N.lock} beside its folder) while the cell runs;
 *       the operating system releases it when the worker's process dies, and the cell's JVM exits
 *       with the process that started it, so no cell is ever run twice at once.
 * </ul>
 */
public final class LocalGrid {

    /** The environment variable that makes a cell's JVM exit when the grid's process ends. */
    public static final String EXIT_WITH_PARENT = "MSA_EXIT_WITH_PARENT";

    /** What to keep of a finished cell's run folder. */
    public enum KeepModels {
        /** The best validation checkpoint, {@code model/}. */
        @SerializedName("best")
        BEST,
        /** No model: records only. */
        @SerializedName("none")
        NONE
    }

    private final List<Cell> cells;
    private final Path out;
    private final int parallel;
    private final KeepModels keep;
    private final String reference;
    private final String label;
    private final PrintStream log;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger trained = new AtomicInteger();
    private final long started = System.nanoTime();
    private final List<String> failures = new ArrayList<>();

    public LocalGrid(
            List<Cell> cells,
            Path out,
            int parallel,
            KeepModels keep,
            String reference,
            PrintStream log) {
        this(cells, out, parallel, keep, reference, "reproduce", log);
    }

    private LocalGrid(
            List<Cell> cells,
            Path out,
            int parallel,
            KeepModels keep,
            String reference,
            String label,
            PrintStream log) {
        this.cells = cells;
        this.out = out;
        this.parallel = parallel;
        this.keep = keep;
        this.reference = reference;
        this.label = label;
        this.log = log;
    }

    /**
     * A grid of cells whose records are no table's rows (a search's trials, in folders of their
     * own): it runs them one at a time as {@link #run} says and writes no tables; {@code label}
     * starts its progress lines.
     */
    public static LocalGrid withoutTables(
            List<Cell> cells, KeepModels keep, String label, PrintStream log) {
        return new LocalGrid(cells, null, 1, keep, null, label, log);
    }

    /**
     * Runs every unfinished cell and writes the tables into {@code out}.
     *
     * @return the cells that failed twice, described (empty when all ran or were recorded)
     */
    public List<String> run() {
        ExecutorService workers = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (Cell cell : cells) {
                pending.add(workers.submit(() -> runCell(cell)));
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
        rebuildTables();
        return List.copyOf(failures);
    }

    private void runCell(Cell cell) {
        try {
            Files.createDirectories(cell.folder().getParent());
            Path lockFile = cell.folder().resolveSibling(cell.folder().getFileName() + ".lock");
            try (FileChannel channel =
                            FileChannel.open(
                                    lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    progress(cell, "running in another process: skipped");
                    return;
                }
                runLocked(cell);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void runLocked(Cell cell) throws IOException {
        if (finished(cell.folder())) {
            done.incrementAndGet();
            return;
        }
        Files.deleteIfExists(cell.folder().resolve(CellStatus.FILE));
        var missing = cell.missingInput();
        if (missing.isPresent()) {
            record(cell, CellStatus.Status.MISSING, missing.get());
            progress(cell, "missing: " + missing.get());
            return;
        }
        progress(cell, "starting");
        int exit = train(cell);
        if (exit != 0 && exit != DIVERGED) {
            progress(cell, "failed (exit code " + exit + "): running it once more");
            exit = train(cell);
        }
        if (exit == DIVERGED) {
            record(cell, CellStatus.Status.DIVERGED, "the run diverged (exit code 3)");
            progress(cell, "diverged");
        } else if (exit != 0) {
            synchronized (failures) {
                failures.add(cell.describe() + ": exit code " + exit);
            }
            progress(cell, "failed again (exit code " + exit + ")");
            return;
        } else {
            if (keep == KeepModels.NONE) {
                AtomicFiles.deleteFolder(cell.folder().resolve("model"));
            }
            progress(cell, "done");
        }
        rebuildTables();
    }

    /** The exit code of a run that diverged. */
    private static final int DIVERGED = 3;

    private static boolean finished(Path folder) {
        return Files.isRegularFile(folder.resolve("result.json"))
                || Files.isRegularFile(folder.resolve(CellStatus.FILE))
                        && CellStatus.read(folder).status() == CellStatus.Status.DIVERGED;
    }

    private void record(Cell cell, CellStatus.Status status, String reason) {
        new CellStatus(cell.row(), cell.seed(), cell.datasetLabel(), status, reason)
                .write(cell.folder());
        done.incrementAndGet();
    }

    /**
     * Trains the cell in a JVM like this one, its progress on this process's standard error (what
     * it prints on standard output is its {@code result.json}).
     */
    private int train(Cell cell) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.add("io.tributary.cli.Msa");
        command.addAll(cell.trainArguments());
        Files.createDirectories(cell.folder());
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put(EXIT_WITH_PARENT, "1");
        Process process = builder.start();
        try {
            int exit = process.waitFor();
            if (exit == 0) {
                done.incrementAndGet();
                trained.incrementAndGet();
            }
            return exit;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + cell.describe() + " ran", e);
        }
    }

    /** Writes the tables of the records so far (none before the first cell ends, nor without). */
    private synchronized void rebuildTables() {
        if (out == null) {
            return;
        }
        Path runs = out.resolve("runs");
        if (hasRecords(runs)) {
            ResultsTable.read(runs).write(out, reference);
        }
    }

    private static boolean hasRecords(Path runs) {
        if (!Files.isDirectory(runs)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(runs)) {
            return files.map(p -> p.getFileName().toString())
                    .anyMatch(name -> name.equals("result.json") || name.equals(CellStatus.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void progress(Cell cell, String what) {
        int finished = done.get();
        int ran = trained.get();
        double elapsed = (System.nanoTime() - started) / 1e9;
        String eta = ran == 0 ? "--:--:--" : clock(elapsed / ran * (cells.size() - finished));
        log.printf(
                "%s: cells %d/%d, elapsed %s, eta %s | %s: %s%n",
                label, finished, cells.size(), clock(elapsed), eta, cell.describe(), what);
        log.flush();
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
