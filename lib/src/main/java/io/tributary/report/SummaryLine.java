package io.tributary.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * One line of {@link ResultsTable#summary}: one row and metric of a dataset, as the Markdown and
 * LaTeX tables and the charts read it.
 */
record SummaryLine(
        String row,
        String metric,
        int n,
        double mean,
        double std,
        double pT,
        double pWilcoxon,
        boolean best) {

    /** The lines of {@code dataset}, in the summary's order. */
    static List<SummaryLine> of(Table summary, String dataset) {
        List<SummaryLine> lines = new ArrayList<>();
        for (int i = 0; i < summary.rowCount(); i++) {
            if (summary.stringColumn("dataset").get(i).equals(dataset)) {
                lines.add(
                        new SummaryLine(
                                summary.stringColumn("row").get(i),
                                summary.stringColumn("metric").get(i),
                                summary.intColumn("n").getInt(i),
                                summary.doubleColumn("mean").getDouble(i),
                                summary.doubleColumn("std").getDouble(i),
                                summary.doubleColumn("p_t").getDouble(i),
                                summary.doubleColumn("p_wilcoxon").getDouble(i),
                                summary.booleanColumn("best").get(i)));
            }
        }
        return lines;
    }

    /** The line of {@code row} and {@code metric} among {@code lines}. */
    static SummaryLine find(List<SummaryLine> lines, String row, String metric) {
        return lines.stream()
                .filter(l -> l.row().equals(row) && l.metric().equals(metric))
                .findFirst()
                .orElseThrow();
    }

    /**
     * {@code mean ± std} to 4 places; the mean alone when there is no std; a dash without values.
     */
    String meanAndStd(String plusMinus) {
        if (n == 0) {
            return "-";
        }
        return Double.isFinite(std) ? rounded(mean) + plusMinus + rounded(std) : rounded(mean);
    }

    /** {@code p_t / p_W} to 4 places, a dash for a test that has no value. */
    String pValues() {
        return rounded(pT) + " / " + rounded(pWilcoxon);
    }

    /** {@code value} to 4 places; a dash when it is not finite. */
    static String rounded(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "-";
    }
}
