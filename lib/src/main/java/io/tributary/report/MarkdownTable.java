package io.tributary.report;

import io.tributary.core.Choices;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import tech.tablesaw.api.Table;

/**
 * {@code table.md}: per dataset, mean ± std of every metric per row (best in bold, n, and the row's
 * missing and diverged seeds), then the paired tests against the reference row; at the end the
 * records used, with their code versions and data SHA-256s, and the cells without a result.
 */
final class MarkdownTable {

    /** The columns aligned left; the others hold numbers and are aligned right. */
    private static final Set<String> TEXT_COLUMNS =
            Set.of(
                    "row",
                    "notes",
                    "record",
                    "cell",
                    "dataset",
                    "status",
                    "reason",
                    "code version",
                    "data SHA-256");

    private MarkdownTable() {}

    static String render(List<DatasetRuns> datasets, Table summary, String reference) {
        StringBuilder md = new StringBuilder("# Results\n");
        for (DatasetRuns dataset : datasets) {
            md.append("\n## ").append(dataset.label()).append("\n\n");
            if (dataset.task() == null) {
                md.append("No result on this dataset.\n\n| row | notes |\n| --- | --- |\n");
                for (String row : dataset.rows(reference)) {
                    md.append(line(List.of(row, notes(dataset, row))));
                }
                continue;
            }
            List<SummaryLine> lines = SummaryLine.of(summary, dataset.label());
            List<String> metrics = dataset.task().metricNames();
            List<String> rows = dataset.rows(reference);
            md.append(
                    String.format(
                            "Task %s, data SHA-256 `%s`, seeds %s. Mean ± std over seeds (n"
                                    + " records), best in bold.%n%n",
                            dataset.task(), dataset.sha256(), seeds(dataset.seeds())));
            md.append(header(concat(List.of("row", "n"), metrics, List.of("notes"))));
            for (String row : rows) {
                List<String> cells = new ArrayList<>(List.of(row));
                cells.add(Integer.toString(SummaryLine.find(lines, row, metrics.get(0)).n()));
                for (String metric : metrics) {
                    SummaryLine cell = SummaryLine.find(lines, row, metric);
                    String text = cell.meanAndStd(" ± ");
                    cells.add(cell.best() ? "**" + text + "**" : text);
                }
                cells.add(notes(dataset, row));
                md.append(line(cells));
            }
            md.append('\n');
            if (!rows.contains(reference)) {
                md.append("No `").append(reference).append("` row: no paired tests.\n");
                continue;
            }
            md.append("Paired tests against `")
                    .append(reference)
                    .append("` over the seeds both have, p_t (t-test) / p_W (exact Wilcoxon):\n\n");
            md.append(header(concat(List.of("row"), metrics, List.of())));
            for (String row : rows.subList(1, rows.size())) {
                List<String> cells = new ArrayList<>(List.of(row));
                metrics.forEach(m -> cells.add(SummaryLine.find(lines, row, m).pValues()));
                md.append(line(cells));
            }
        }
        md.append("\n## Records\n\n");
        md.append(header(List.of("record", "row", "seed", "code version", "data SHA-256")));
        for (DatasetRuns dataset : datasets) {
            for (DatasetRuns.Record record : dataset.records()) {
                md.append(
                        line(
                                List.of(
                                        "`" + record.file() + "`",
                                        record.result().row(),
                                        Long.toString(record.result().seed()),
                                        String.valueOf(record.result().codeVersion()),
                                        "`" + record.result().data().sha256() + "`")));
            }
        }
        if (datasets.stream().anyMatch(d -> !d.cells().isEmpty())) {
            md.append("\n## Cells without a result\n\n");
            md.append(header(List.of("cell", "dataset", "row", "seed", "status", "reason")));
            for (DatasetRuns dataset : datasets) {
                for (DatasetRuns.Cell cell : dataset.cells()) {
                    md.append(
                            line(
                                    List.of(
                                            "`" + cell.file() + "`",
                                            dataset.label(),
                                            cell.status().row(),
                                            Long.toString(cell.status().seed()),
                                            Choices.name(cell.status().status()),
                                            String.valueOf(cell.status().reason()))));
                }
            }
        }
        return md.toString();
    }

    /** The row's missing and diverged seeds: {@code seed 3 missing; seeds 4, 5 diverged}. */
    static String notes(DatasetRuns dataset, String row) {
        List<String> notes = new ArrayList<>();
        SortedSet<Long> missing = dataset.missingSeeds(row);
        SortedSet<Long> diverged = dataset.divergedSeeds(row);
        if (!missing.isEmpty()) {
            notes.add(seedWord(missing) + seeds(missing) + " missing");
        }
        if (!diverged.isEmpty()) {
            notes.add(seedWord(diverged) + seeds(diverged) + " diverged");
        }
        return String.join("; ", notes);
    }

    private static String seedWord(SortedSet<Long> seeds) {
        return seeds.size() == 1 ? "seed " : "seeds ";
    }

    private static String seeds(SortedSet<Long> seeds) {
        return seeds.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String header(List<String> columns) {
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            rule.add(TEXT_COLUMNS.contains(columns.get(i)) ? "---" : "---:");
        }
        return line(columns) + line(rule);
    }

    private static String line(List<String> cells) {
        return cells.stream()
                        .map(c -> c.replace("|", "\\|"))
                        .collect(Collectors.joining(" | ", "| ", " |"))
                + "\n";
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }
}
