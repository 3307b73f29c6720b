package io.tributary.report;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * {@code table.tex}: one {@code table} environment per dataset with results, holding a tabular of
 * mean $\pm$ std per row and metric (best in bold) and, where the reference row exists, a tabular
 * of the paired tests' p values against it ($p_t$ / $p_W$). Values are rounded to 4 places.
 */
final class LatexTable {

    private LatexTable() {}

    static String render(List<DatasetRuns> datasets, Table summary, String reference) {
        StringBuilder tex = new StringBuilder();
        for (DatasetRuns dataset : datasets) {
            if (dataset.task() == null) {
                continue;
            }
            List<SummaryLine> lines = SummaryLine.of(summary, dataset.label());
            List<String> metrics = dataset.task().metricNames();
            List<String> rows = dataset.rows(reference);
            String columns = "lr" + "r".repeat(metrics.size());
            tex.append("% ")
                    .append(dataset.label())
                    .append(": data SHA-256 ")
                    .append(dataset.sha256())
                    .append("\n\\begin{table}[ht]\n\\centering\n");
            tex.append("\\caption{")
                    .append(escape(dataset.label()))
                    .append(" (")
                    .append(dataset.task())
                    .append("): mean $\\pm$ std over seeds, best in bold.}\n");
            tex.append("\\begin{tabular}{").append(columns).append("}\n\\hline\n");
            List<String> header = new ArrayList<>(List.of("Row", "$n$"));
            metrics.forEach(m -> header.add(escape(m)));
            tex.append(line(header)).append("\\hline\n");
            for (String row : rows) {
                List<String> cells = new ArrayList<>(List.of(escape(row)));
                cells.add(Integer.toString(SummaryLine.find(lines, row, metrics.get(0)).n()));
                for (String metric : metrics) {
                    SummaryLine cell = SummaryLine.find(lines, row, metric);
                    String text = cell.meanAndStd(" $\\pm$ ");
                    cells.add(cell.best() ? "\\textbf{" + text + "}" : text);
                }
                tex.append(line(cells));
            }
            tex.append("\\hline\n\\end{tabular}\n");
            if (rows.contains(reference) && rows.size() > 1) {
                tex.append("\n\\medskip\n$p_t$ / $p_W$ against ")
                        .append(escape(reference))
                        .append(" (paired t-test / exact Wilcoxon signed-rank)\n\n");
                tex.append("\\begin{tabular}{l").append("r".repeat(metrics.size())).append("}\n");
                tex.append("\\hline\n");
                List<String> pHeader = new ArrayList<>(List.of("Row"));
                metrics.forEach(m -> pHeader.add(escape(m)));
                tex.append(line(pHeader)).append("\\hline\n");
                for (String row : rows.subList(1, rows.size())) {
                    List<String> cells = new ArrayList<>(List.of(escape(row)));
                    metrics.forEach(m -> cells.add(SummaryLine.find(lines, row, m).pValues()));
                    tex.append(line(cells));
                }
                tex.append("\\hline\n\\end{tabular}\n");
            }
            tex.append("\\end{table}\n\n");
        }
        return tex.toString();
    }

    /** Text with LaTeX's special characters escaped. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\textbackslash{}");
                case '~' -> escaped.append("\\textasciitilde{}");
                case '^' -> escaped.append("\\textasciicircum{}");
                case '_', '%', '&', '#', '$', '{', '}' -> escaped.append('\\').append(c);
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String line(List<String> cells) {
        return String.join(" & ", cells) + " \\\\\n";
    }
}
