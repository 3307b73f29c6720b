package io.tributary.report;

import io.tributary.train.RunResult;
import io.tributary.train.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The runs of one dataset: every record on it and every cell of it without a record, each list
 * sorted by row, then seed.
 *
 * @param label the dataset's name in the table: the data file's name or the generator's, with the
 *     first 8 hex digits of the SHA-256 appended where two datasets would share it
 * @param sha256 what identifies the dataset (null for a dataset known only from cells)
 * @param task whose metric convention scores it (null for a dataset known only from cells)
 * @param records its result records
 * @param cells its cells without a result
 */
public record DatasetRuns(
        String label, String sha256, Task task, List<Record> records, List<Cell> cells) {

    /** A {@code result.json} and where it was read, relative to the folder searched. */
    public record Record(String file, RunResult result) {}

    /** A {@code cell.json} and where it was read, relative to the folder searched. */
    public record Cell(String file, CellStatus status) {}

    static final Comparator<Record> RECORD_ORDER =
            Comparator.comparing((Record r) -> r.result().row())
                    .thenComparingLong(r -> r.result().seed());
    static final Comparator<Cell> CELL_ORDER =
            Comparator.comparing((Cell c) -> c.status().row())
                    .thenComparingLong(c -> c.status().seed());

    /** The rows: the reference first where present, then the others by name. */
    public List<String> rows(String reference) {
        TreeSet<String> rows = new TreeSet<>();
        records.forEach(r -> rows.add(r.result().row()));
        cells.forEach(c -> rows.add(c.status().row()));
        List<String> ordered = new ArrayList<>();
        if (rows.remove(reference)) {
            ordered.add(reference);
        }
        ordered.addAll(rows);
        return ordered;
    }

    /** The row's records, by seed. */
    public List<Record> records(String row) {
        return records.stream().filter(r -> r.result().row().equals(row)).toList();
    }

    /** Every seed of the dataset: of its records and of its cells. */
    public SortedSet<Long> seeds() {
        TreeSet<Long> seeds = new TreeSet<>();
        records.forEach(r -> seeds.add(r.result().seed()));
        cells.forEach(c -> seeds.add(c.status().seed()));
        return seeds;
    }

    /** The seeds of the row's diverged cells. */
    public SortedSet<Long> divergedSeeds(String row) {
        TreeSet<Long> seeds = new TreeSet<>();
        cells.stream()
                .filter(c -> c.status().row().equals(row))
                .filter(c -> c.status().status() == CellStatus.Status.DIVERGED)
                .forEach(c -> seeds.add(c.status().seed()));
        return seeds;
    }

    /** The dataset's seeds that the row has neither a record nor a diverged cell of. */
    public SortedSet<Long> missingSeeds(String row) {
        TreeSet<Long> seeds = new TreeSet<>(seeds());
        records(row).forEach(r -> seeds.remove(r.result().seed()));
        seeds.removeAll(divergedSeeds(row));
        return seeds;
    }

    /** The file name of a record's {@code data.path}: the name a dataset is labelled by. */
    static String baseName(RunResult result) {
        Path name = Path.of(result.data().path()).getFileName();
        return name == null ? result.data().path() : name.toString();
    }

    DatasetRuns withCells(List<Cell> more) {
        if (more == null) {
            return this;
        }
        List<Cell> all = Stream.concat(cells.stream(), more.stream()).sorted(CELL_ORDER).toList();
        return new DatasetRuns(label, sha256, task, records, all);
    }
}
