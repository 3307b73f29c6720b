package io.tributary.report;

import io.tributary.core.InputException;
import io.tributary.train.RunResult;
import io.tributary.train.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder tree of run records, read and grouped by dataset: every {@code result.json} and {@code
 * cell.json} below the folder, at any depth.
 *
 * <p>Records are grouped by {@code data.sha256}; each group is labelled as {@link DatasetRuns}
 * says. A cell belongs to the dataset whose label is its {@code dataset}, else to the one dataset
 * whose file or generator name it is, else to a dataset of its own known only from cells. A cell
 * with a record for its row and seed is dropped: the record is the newer word. Two records of one
 * dataset, row and seed, or records of one dataset under different tasks, are an error naming both
 * files.
 */
public final class RunTree {

    private RunTree() {}

    /** The datasets under {@code runs}, by label. */
    public static List<DatasetRuns> read(Path runs) {
        if (!Files.isDirectory(runs)) {
            throw new InputException(runs + ": expected a folder of run records, found none");
        }
        List<Path> files = recordFiles(runs);
        List<DatasetRuns.Record> records = new ArrayList<>();
        List<DatasetRuns.Cell> cells = new ArrayList<>();
        for (Path file : files) {
            String relative = relative(runs, file);
            if (file.getFileName().toString().equals(RunResult.FILE)) {
                records.add(new DatasetRuns.Record(relative, checked(file)));
            } else {
                cells.add(new DatasetRuns.Cell(relative, CellStatus.read(file.getParent())));
            }
        }
        if (records.isEmpty() && cells.isEmpty()) {
            throw new InputException(
                    runs + ": expected result.json or cell.json files below it, found none");
        }
        List<DatasetRuns> datasets = new ArrayList<>(byDataset(runs, records));
        Map<String, List<DatasetRuns.Cell>> cellsByLabel = new TreeMap<>();
        for (DatasetRuns.Cell cell : cells) {
            DatasetRuns dataset = datasetOf(cell.status(), datasets);
            if (dataset != null && hasRecord(dataset, cell.status())) {
                continue;
            }
            String label = dataset != null ? dataset.label() : cell.status().dataset();
            List<DatasetRuns.Cell> same =
                    cellsByLabel.computeIfAbsent(label, k -> new ArrayList<>());
            if (same.stream().noneMatch(c -> DatasetRuns.CELL_ORDER.compare(c, cell) == 0)) {
                same.add(cell);
            }
        }
        datasets.replaceAll(d -> d.withCells(cellsByLabel.remove(d.label())));
        cellsByLabel.forEach(
                (label, own) ->
                        datasets.add(
                                new DatasetRuns(label, null, null, List.of(), List.of())
                                        .withCells(own)));
        datasets.sort(Comparator.comparing(DatasetRuns::label));
        return List.copyOf(datasets);
    }

    private static List<Path> recordFiles(Path runs) {
        try (Stream<Path> paths = Files.walk(runs)) {
            return paths.filter(Files::isRegularFile)
                    .filter(
                            p -> {
                                String name = p.getFileName().toString();
                                return name.equals(RunResult.FILE) || name.equals(CellStatus.FILE);
                            })
                    .sorted(Comparator.comparing(p -> relative(runs, p)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + runs + ": " + e.getMessage(), e);
        }
    }

    private static String relative(Path runs, Path file) {
        return runs.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** A record with every key the table needs, its test metrics those of its task. */
    private static RunResult checked(Path file) {
        RunResult result = RunResult.read(file.getParent());
        if (result.row() == null
                || result.data() == null
                || result.data().path() == null
                || result.data().sha256() == null
                || result.config() == null
                || result.config().task() == null
                || result.test() == null) {
            throw new InputException(
                    file
                            + ": expected keys 'row', 'seed', 'data.path', 'data.sha256',"
                            + " 'config.task' and 'test', found one of them missing");
        }
        Task task = task(file, result);
        for (String metric : task.metricNames()) {
            if (!result.test().containsKey(metric)) {
                throw new InputException(
                        String.format(
                                "%s: test: expected %s's metric '%s', found keys %s",
                                file, task, metric, result.test().keySet()));
            }
        }
        return result;
    }

    private static Task task(Path file, RunResult result) {
        try {
            return Task.valueOf(result.config().task());
        } catch (IllegalArgumentException e) {
            throw new InputException(
                    String.format(
                            "%s: config.task: expected one of %s, found '%s'",
                            file, Arrays.toString(Task.values()), result.config().task()),
                    e);
        }
    }

    private static List<DatasetRuns> byDataset(Path runs, List<DatasetRuns.Record> records) {
        Map<String, List<DatasetRuns.Record>> bySha =
                records.stream()
                        .collect(
                                Collectors.groupingBy(
                                        r -> r.result().data().sha256(),
                                        TreeMap::new,
                                        Collectors.toList()));
        Map<String, Long> baseNameUses =
                bySha.values().stream()
                        .map(group -> DatasetRuns.baseName(group.get(0).result()))
                        .collect(Collectors.groupingBy(name -> name, Collectors.counting()));
        List<DatasetRuns> datasets = new ArrayList<>();
        bySha.forEach(
                (sha, group) -> {
                    String base = DatasetRuns.baseName(group.get(0).result());
                    String label =
                            baseNameUses.get(base) > 1 ? base + "-" + sha.substring(0, 8) : base;
                    datasets.add(
                            new DatasetRuns(
                                    label,
                                    sha,
                                    checkedTask(runs, group),
                                    checkedUnique(runs, group),
                                    List.of()));
                });
        return datasets;
    }

    private static Task checkedTask(Path runs, List<DatasetRuns.Record> group) {
        DatasetRuns.Record first = group.get(0);
        for (DatasetRuns.Record record : group) {
            if (!record.result().config().task().equals(first.result().config().task())) {
                throw new InputException(
                        String.format(
                                "%s: config.task: expected %s as %s on the same data, found %s",
                                runs.resolve(record.file()),
                                first.result().config().task(),
                                runs.resolve(first.file()),
                                record.result().config().task()));
            }
        }
        return Task.valueOf(first.result().config().task());
    }

    private static List<DatasetRuns.Record> checkedUnique(
            Path runs, List<DatasetRuns.Record> group) {
        List<DatasetRuns.Record> sorted = group.stream().sorted(DatasetRuns.RECORD_ORDER).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (DatasetRuns.RECORD_ORDER.compare(sorted.get(i - 1), sorted.get(i)) == 0) {
                throw new InputException(
                        String.format(
                                "%s: expected one record of row '%s', seed %d on this data,"
                                        + " found another in %s",
                                runs.resolve(sorted.get(i).file()),
                                sorted.get(i).result().row(),
                                sorted.get(i).result().seed(),
                                runs.resolve(sorted.get(i - 1).file())));
            }
        }
        return sorted;
    }

    private static DatasetRuns datasetOf(CellStatus cell, List<DatasetRuns> datasets) {
        for (DatasetRuns dataset : datasets) {
            if (dataset.label().equals(cell.dataset())) {
                return dataset;
            }
        }
        List<DatasetRuns> byName =
                datasets.stream()
                        .filter(
                                d ->
                                        DatasetRuns.baseName(d.records().get(0).result())
                                                .equals(cell.dataset()))
                        .toList();
        return byName.size() == 1 ? byName.get(0) : null;
    }

    private static boolean hasRecord(DatasetRuns dataset, CellStatus cell) {
        return dataset.records(cell.row()).stream().anyMatch(r -> r.result().seed() == cell.seed());
    }
}
