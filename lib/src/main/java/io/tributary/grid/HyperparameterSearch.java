package io.tributary.grid;

import io.tributary.core.AtomicFiles;
import io.tributary.report.ResultsTable;
import io.tributary.train.RunResult;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An experiment's hyper-parameter search ({@link Search}), which never touches a test split until a
 * configuration is chosen:
 *
 * <ol>
 *   <li>each trial trains the tuned row's model and settings, plus the trial's values and seed, on
 *       the experiment's first dataset in {@code OUT/search/trial-<k>/}, in a JVM of its own with
 *       {@code ./msa train --selection-only --resume} ({@link Grid#withoutTables}): only train and
 *       valid are read, and a finished trial is not run again;
 *   <li>the trial of lowest validation L_task ({@code valid.task_loss} of its {@code result.json})
 *       is selected, ties going to the lower trial number; {@code OUT/search.csv} lists every
 *       trial;
 *   <li>the selected configuration is trained once per experiment seed as ordinary runs (each reads
 *       its test split once), the row {@code <row>-searched} under {@code OUT/runs/}, and the
 *       tables are rebuilt as {@code ./msa reproduce} rebuilds them.
 * </ol>
 */
public final class HyperparameterSearch {

    /** The trials' table in the output folder. */
    public static final String CSV = "search.csv";

    /** What ends a row's name once its settings are the search's choice. */
    public static final String SEARCHED = "-searched";

    private final Experiment experiment;
    private final Path out;
    private final Path dataRoot;
    private final Path bert;
    private final PrintStream log;

    /**
     * @param experiment an experiment with a {@code search} block
     * @param out where trials, runs, {@code search.csv} and the tables go
     * @param dataRoot the folder the experiment's data paths are relative to, or null
     * @param bert the BERT folder instead of the experiment's, or null
     * @param log where progress goes
     */
    public HyperparameterSearch(
            Experiment experiment, Path out, Path dataRoot, Path bert, PrintStream log) {
        if (experiment.search() == null) {
            throw new IllegalArgumentException(
                    "experiment " + experiment.name() + " has no 'search' block");
        }
        this.experiment = experiment;
        this.out = out;
        this.dataRoot = dataRoot;
        this.bert = bert;
        this.log = log;
    }

    /** A trial and its validation L_task (NaN when it left no result: diverged or missing). */
    public record Scored(Search.Trial trial, double validTaskLoss) {}

    /**
     * Runs the unfinished trials, selects one, writes {@code search.csv} and runs the selected
     * configuration over the experiment's seeds.
     *
     * @return the runs that failed twice, described (empty when all ran or were recorded)
     */
    public List<String> run() {
        Search search = experiment.search();
        Experiment.Row row = search.tunedRow(experiment);
        Experiment.Dataset dataset = experiment.datasets().get(0);
        List<Search.Trial> trials = search.draw();
        List<Cell> cells = new ArrayList<>();
        for (Search.Trial trial : trials) {
            Experiment.Row tried =
                    withValues(row, row.name() + "-trial-" + trial.number(), trial.values());
            Path folder = out.resolve("search").resolve("trial-" + trial.number());
            cells.add(experiment.cell(dataset, tried, trial.seed(), dataRoot, bert, folder, true));
        }
        List<String> failed =
                Grid.withoutTables(
                                cells,
                                out.resolve("search").resolve("cells.json"),
                                KeepModels.NONE,
                                "search",
                                log)
                        .run();
        if (!failed.isEmpty()) {
            return failed;
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            scored.add(new Scored(trials.get(i), validTaskLoss(cells.get(i).folder())));
        }
        Optional<Scored> selected = select(scored);
        AtomicFiles.writeString(out.resolve(CSV), csv(search, scored, selected));
        if (selected.isEmpty()) {
            return List.of("search: no trial ended with a finite validation loss");
        }
        log.printf(
                "search: trial %d selected, validation task loss %s%n",
                selected.get().trial().number(), selected.get().validTaskLoss());
        Experiment.Row searched =
                withValues(row, row.name() + SEARCHED, selected.get().trial().values());
        List<Cell> runs = experiment.rowCells(dataset, searched, out, dataRoot, bert);
        return new Grid(
                        runs,
                        out,
                        new LocalExecutor(1),
                        KeepModels.BEST,
                        ResultsTable.DEFAULT_REFERENCE,
                        log)
                .run();
    }

    /** The trial of lowest finite validation loss, the lower number on a tie. */
    static Optional<Scored> select(List<Scored> scored) {
        return scored.stream()
                .filter(s -> Double.isFinite(s.validTaskLoss()))
                .min(
                        Comparator.comparingDouble(Scored::validTaskLoss)
                                .thenComparingInt(s -> s.trial().number()));
    }

    private static Experiment.Row withValues(
            Experiment.Row row, String name, Map<String, String> values) {
        Map<String, String> settings =
                new LinkedHashMap<>(row.settings() == null ? Map.of() : row.settings());
        settings.putAll(values);
        return new Experiment.Row(name, row.model(), settings);
    }

    private static double validTaskLoss(Path folder) {
        if (!Files.isRegularFile(folder.resolve(RunResult.FILE))) {
            return Double.NaN;
        }
        return RunResult.read(folder).valid().getOrDefault("task_loss", Double.NaN);
    }

    /** {@code trial, seed, <each searched key>, valid_task_loss, selected}: one line a trial. */
    private static String csv(Search search, List<Scored> scored, Optional<Scored> selected) {
        List<String> header = new ArrayList<>(List.of("trial", "seed"));
        header.addAll(search.space().keySet());
        header.addAll(List.of("valid_task_loss", "selected"));
        StringBuilder csv = new StringBuilder(line(header));
        for (Scored s : scored) {
            List<String> cells =
                    new ArrayList<>(
                            List.of(
                                    Integer.toString(s.trial().number()),
                                    Long.toString(s.trial().seed())));
            cells.addAll(s.trial().values().values());
            cells.add(Double.toString(s.validTaskLoss()));
            cells.add(Boolean.toString(selected.map(s::equals).orElse(false)));
            csv.append(line(cells));
        }
        return csv.toString();
    }

    private static String line(List<String> cells) {
        return String.join(",", cells.stream().map(HyperparameterSearch::quoted).toList()) + "\n";
    }

    private static String quoted(String cell) {
        return cell.contains(",") || cell.contains("\"")
                ? "\"" + cell.replace("\"", "\"\"") + "\""
                : cell;
    }
}
