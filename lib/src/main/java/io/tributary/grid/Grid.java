package io.tributary.grid;

import io.tributary.report.CellStatus;
import io.tributary.report.ResultsTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs an experiment's unfinished cells through a {@link CellExecutor}, each in a JVM of its own
 * ({@link CellRun}), and rebuilds the tables after every cell that ends and once more when all
 * have. A finished cell (its {@code result.json}) or a diverged one is never submitted again. It
 * runs a search's trials the same way ({@link #withoutTables}), cells that are no table's rows.
 */
public final class Grid implements CellExecutor.Listener {

    private final List<Cell> cells;
    private final Path jobsFile;
    private final CellExecutor executor;
    private final KeepModels keep;
    private final Path out;
    private final String reference;
    private final String label;
    private final PrintStream log;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger trained = new AtomicInteger();
    private final long started = System.nanoTime();
    private final List<String> failures = new ArrayList<>();

    /**
     * @param cells the experiment's cells
     * @param out where the tables go ({@code out/runs/} holds the cells' records, {@code
     *     out/cells.json} the cells as the executor's tasks read them)
     * @param executor where the cells run
     * @param keep what each cell keeps of its run folder
     * @param reference the row the others are tested against
     * @param log where progress goes
     */
    public Grid(
            List<Cell> cells,
            Path out,
            CellExecutor executor,
            KeepModels keep,
            String reference,
            PrintStream log) {
        this(cells, out.resolve("cells.json"), executor, keep, out, reference, "reproduce", log);
    }

    private Grid(
            List<Cell> cells,
            Path jobsFile,
            CellExecutor executor,
            KeepModels keep,
            Path out,
            String reference,
            String label,
            PrintStream log) {
        this.cells = cells;
        this.jobsFile = jobsFile;
        this.executor = executor;
        this.keep = keep;
        this.out = out;
        this.reference = reference;
        this.label = label;
        this.log = log;
    }

    /**
     * A grid of cells whose records are no table's rows (a search's trials, in folders of their
     * own): it runs them one at a time on this machine, the cells written to {@code jobsFile}, and
     * writes no tables; {@code label} starts its progress lines.
     */
    public static Grid withoutTables(
            List<Cell> cells, Path jobsFile, KeepModels keep, String label, PrintStream log) {
        return new Grid(cells, jobsFile, new LocalExecutor(1), keep, null, null, label, log);
    }

    /**
     * Runs every unfinished cell and writes the tables.
     *
     * @return the cells that failed twice, described (empty when all ran or were recorded)
     */
    public List<String> run() {
        List<Integer> unfinished = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (CellRun.finished(cells.get(i).folder())) {
                done.incrementAndGet();
            } else {
                unfinished.add(i);
            }
        }
        if (!unfinished.isEmpty()) {
            executor.run(CellJobs.write(jobsFile, keep, cells), unfinished, this);
        }
        rebuildTables();
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    @Override
    public void progress(int index, String what) {
        line(cells.get(index), what);
    }

    @Override
    public void ended(int index, CellRun.Outcome outcome) {
        Cell cell = cells.get(index);
        if (outcome == CellRun.Outcome.LOCKED) {
            line(cell, outcome.line());
            return;
        }
        done.incrementAndGet();
        if (outcome == CellRun.Outcome.DONE) {
            trained.incrementAndGet();
        }
        line(
                cell,
                outcome == CellRun.Outcome.MISSING
                        ? "missing: " + CellStatus.read(cell.folder()).reason()
                        : outcome.line());
        rebuildTables();
    }

    @Override
    public void failed(int index, String why) {
        Cell cell = cells.get(index);
        synchronized (failures) {
            failures.add(cell.describe() + ": " + why);
        }
        line(cell, "failed again (" + why + ")");
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

    private void line(Cell cell, String what) {
        int finished = done.get();
        int ran = trained.get();
        double elapsed = (System.nanoTime() - started) / 1e9;
        String eta = ran == 0 ? "--:--:--" : clock(elapsed / ran * (cells.size() - finished));
        synchronized (log) {
            log.printf(
                    "%s: cells %d/%d, elapsed %s, eta %s | %s: %s%n",
                    label, finished, cells.size(), clock(elapsed), eta, cell.describe(), what);
            log.flush();
        }
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
