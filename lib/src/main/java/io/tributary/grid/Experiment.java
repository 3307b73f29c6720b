package io.tributary.grid;

import io.tributary.core.InputException;
import io.tributary.core.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An experiment file, {@code experiments/*.json}: datasets x rows x seeds. Each row is a model and
 * a settings diff over the defaults, on top of the settings every cell shares:
 *
 * <pre>
 * {"name": "default", "bert": "datasets/bert-tiny", "seeds": [1111, 1112, 1113],
 *  "datasets": [{"name": "sample", "data": "datasets/sample/synthetic_aligned.pkl"}],
 *  "settings": {"lr_plm": "1e-3", "max_epochs": "10"},
 *  "rows": [{"name": "full", "model": "injection"},
 *           {"name": "no-gate", "model": "injection", "settings": {"gate": "none"}}]}
 * </pre>
 *
 * A dataset's {@code data} is a corpus file or a generator name ({@code synthetic}, ...); relative
 * paths of data and BERT resolve against the data root and the working folder.
 *
 * @param name the experiment's name, the default output folder {@code results/<name>}
 * @param description what it reproduces
 * @param bert the BERT checkpoint folder
 * @param seeds the seeds of every row
 * @param datasets the datasets, each a name and its data
 * @param settings the {@code --set} settings of every cell
 * @param rows the table's rows
 * @param search the hyper-parameter search of {@code ./msa search}, or null when none
 */
public record Experiment(
        String name,
        String description,
        String bert,
        List<Long> seeds,
        List<Dataset> datasets,
        Map<String, String> settings,
        List<Row> rows,
        Search search) {

    /** One dataset: a folder name for its cells and its data file or generator. */
    public record Dataset(String name, String data) {}

    /** One row of the table: its name, its model and its settings over the shared ones. */
    public record Row(String name, String model, Map<String, String> settings) {}

    /** Reads and checks {@code file}: every key present, names unique and usable as folders. */
    public static Experiment read(Path file) {
        Experiment experiment = Json.read(file, Experiment.class);
        experiment.check(file);
        return experiment;
    }

    /** Every cell, datasets outermost, then rows, then seeds. */
    public List<Cell> cells(Path out, Path dataRoot, Path bertOverride) {
        List<Cell> cells = new ArrayList<>();
        for (Dataset dataset : datasets) {
            for (Row row : rows) {
                cells.addAll(rowCells(dataset, row, out, dataRoot, bertOverride));
            }
        }
        return cells;
    }

    /** The cells of {@code row} on {@code dataset}, one per seed, under {@code out/runs/}. */
    public List<Cell> rowCells(
            Dataset dataset, Row row, Path out, Path dataRoot, Path bertOverride) {
        List<Cell> cells = new ArrayList<>();
        for (long seed : seeds) {
            cells.add(
                    cell(
                            dataset,
                            row,
                            seed,
                            dataRoot,
                            bertOverride,
                            out.resolve("runs")
                                    .resolve(dataset.name())
                                    .resolve(row.name())
                                    .resolve("seed-" + seed),
                            false));
        }
        return cells;
    }

    /**
     * One run of {@code row} on {@code dataset} with {@code seed} in {@code folder}; with {@code
     * selectionOnly}, one that reads no test split.
     */
    public Cell cell(
            Dataset dataset,
            Row row,
            long seed,
            Path dataRoot,
            Path bertOverride,
            Path folder,
            boolean selectionOnly) {
        Map<String, String> merged = new LinkedHashMap<>(settings());
        merged.putAll(row.settings() == null ? Map.of() : row.settings());
        return new Cell(
                dataset.name(),
                row.name(),
                seed,
                row.model(),
                dataPath(dataset.data(), dataRoot),
                bertOverride != null ? bertOverride : Path.of(bert),
                merged,
                folder,
                selectionOnly);
    }

    @Override
    public Map<String, String> settings() {
        return settings == null ? Map.of() : settings;
    }

    private static String dataPath(String data, Path dataRoot) {
        if (data.startsWith("synthetic") || dataRoot == null) {
            return data;
        }
        return dataRoot.resolve(data).toString();
    }

    private void check(Path file) {
        require(file, name, "name");
        require(file, bert, "bert");
        require(file, seeds, "seeds");
        require(file, datasets, "datasets");
        require(file, rows, "rows");
        if (seeds.isEmpty() || datasets.isEmpty() || rows.isEmpty()) {
            throw new InputException(file + ": expected at least one seed, dataset and row");
        }
        if (new LinkedHashSet<>(seeds).size() != seeds.size()) {
            throw new InputException(file + ": 'seeds' repeats a seed: " + seeds);
        }
        Set<String> names = new LinkedHashSet<>();
        for (Dataset dataset : datasets) {
            require(file, dataset.data(), "datasets[].data");
            folderName(file, dataset.name(), "datasets[].name", names);
        }
        names.clear();
        for (Row row : rows) {
            require(file, row.model(), "rows[].model");
            folderName(file, row.name(), "rows[].name", names);
        }
        if (search != null) {
            search.check(file, this);
        }
    }

    private static void folderName(Path file, String name, String key, Set<String> seen) {
        require(file, name, key);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new InputException(
                    String.format(
                            "%s: '%s' %s: expected letters, digits, '.', '_' or '-'",
                            file, key, name));
        }
        if (!seen.add(name)) {
            throw new InputException(String.format("%s: '%s' %s repeats", file, key, name));
        }
    }

    private static void require(Path file, Object value, String key) {
        if (value == null) {
            throw new InputException(file + ": expected the key '" + key + "'");
        }
    }
}
