package io.tributary.report;

import io.tributary.core.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.inference.TTest;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The results table of a folder tree of run records: for each dataset, every metric of its
 * convention summarised per row over seeds, with paired tests against a reference row.
 *
 * <p>Per dataset, row and metric: n (the row's records; diverged and missing cells do not count),
 * the mean and the standard deviation (ddof 1) of the seeds' test values, summed in seed order;
 * against the reference row, over the seeds both have, the two-sided paired t-test (Commons Math's
 * {@link TTest#pairedTTest}) and the exact Wilcoxon signed-rank test ({@link SignedRankTest}). The
 * best mean of a metric is the highest, or the lowest for {@code MAE} and any loss.
 *
 * <p>{@link #write} writes {@code table.csv} (long form, one line per dataset, row and metric,
 * numbers unrounded as {@link Decimals} writes them, a value that is not finite left empty), {@code
 * table.md} and {@code table.tex} (rounded to 4 places) and one bar chart per dataset and metric.
 */
public final class ResultsTable {

    /** The reference row of the paired tests unless another is named. */
    public static final String DEFAULT_REFERENCE = "full";

    static final String CSV_HEADER = "dataset,row,metric,n,mean,std,p_t,p_wilcoxon";

    private final List<DatasetRuns> datasets;

    private ResultsTable(List<DatasetRuns> datasets) {
        this.datasets = datasets;
    }

    /** Reads every record below {@code runs}; see {@link RunTree}. */
    public static ResultsTable read(Path runs) {
        return new ResultsTable(RunTree.read(runs));
    }

    /** The datasets, by label. */
    public List<DatasetRuns> datasets() {
        return datasets;
    }

    /**
     * The long-form summary: columns {@code dataset, row, metric, n, mean, std, p_t, p_wilcoxon,
     * best}, one line per dataset, row and metric, sorted as {@code table.csv}; a value that does
     * not exist is NaN.
     */
    public Table summary(String reference) {
        StringColumn dataset = StringColumn.create("dataset");
        StringColumn row = StringColumn.create("row");
        StringColumn metric = StringColumn.create("metric");
        IntColumn n = IntColumn.create("n");
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn std = DoubleColumn.create("std");
        DoubleColumn pT = DoubleColumn.create("p_t");
        DoubleColumn pWilcoxon = DoubleColumn.create("p_wilcoxon");
        BooleanColumn best = BooleanColumn.create("best");
        for (DatasetRuns runs : datasets) {
            if (runs.task() == null) {
                continue;
            }
            Map<Long, DatasetRuns.Record> referenceBySeed =
                    runs.records(reference).stream()
                            .collect(Collectors.toMap(r -> r.result().seed(), Function.identity()));
            for (String rowName : runs.rows(reference)) {
                List<DatasetRuns.Record> records = runs.records(rowName);
                List<DatasetRuns.Record> paired =
                        rowName.equals(reference)
                                ? List.of()
                                : records.stream()
                                        .filter(r -> referenceBySeed.containsKey(r.result().seed()))
                                        .toList();
                for (String metricName : runs.task().metricNames()) {
                    double[] values = values(records, metricName);
                    double[] x = values(paired, metricName);
                    double[] y =
                            values(
                                    paired.stream()
                                            .map(r -> referenceBySeed.get(r.result().seed()))
                                            .toList(),
                                    metricName);
                    dataset.append(runs.label());
                    row.append(rowName);
                    metric.append(metricName);
                    n.append(values.length);
                    mean.append(mean(values));
                    std.append(standardDeviation(values));
                    pT.append(x.length < 2 ? Double.NaN : new TTest().pairedTTest(x, y));
                    pWilcoxon.append(SignedRankTest.pValue(x, y));
                }
            }
        }
        for (int i = 0; i < mean.size(); i++) {
            best.append(isBest(dataset, metric, mean, i));
        }
        return Table.create("results", dataset, row, metric, n, mean, std, pT, pWilcoxon, best);
    }

    /**
     * Writes {@code table.csv}, {@code table.md}, {@code table.tex} and the charts into {@code
     * out}.
     */
    public void write(Path out, String reference) {
        Table summary = summary(reference);
        AtomicFiles.writeString(out.resolve("table.csv"), csv(summary));
        AtomicFiles.writeString(
                out.resolve("table.md"), MarkdownTable.render(datasets, summary, reference));
        AtomicFiles.writeString(
                out.resolve("table.tex"), LatexTable.render(datasets, summary, reference));
        BarCharts.write(summary, out);
    }

    /** Whether lower values of {@code metric} are better: {@code MAE} and any loss. */
    public static boolean lowerIsBetter(String metric) {
        return metric.equals("MAE") || metric.toLowerCase(Locale.ROOT).contains("loss");
    }

    private static double[] values(List<DatasetRuns.Record> records, String metric) {
        return records.stream().mapToDouble(r -> r.result().test().get(metric)).toArray();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    private static double standardDeviation(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    private static boolean isBest(
            StringColumn dataset, StringColumn metric, DoubleColumn mean, int line) {
        double value = mean.getDouble(line);
        if (!Double.isFinite(value)) {
            return false;
        }
        boolean lower = lowerIsBetter(metric.get(line));
        for (int i = 0; i < mean.size(); i++) {
            double other = mean.getDouble(i);
            if (dataset.get(i).equals(dataset.get(line))
                    && metric.get(i).equals(metric.get(line))
                    && Double.isFinite(other)
                    && (lower ? other < value : other > value)) {
                return false;
            }
        }
        return true;
    }

    private static String csv(Table summary) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i < summary.rowCount(); i++) {
            List<String> fields = new ArrayList<>();
            for (String name : List.of("dataset", "row", "metric")) {
                fields.add(csvField(summary.stringColumn(name).get(i)));
            }
            fields.add(Integer.toString(summary.intColumn("n").getInt(i)));
            for (String name : List.of("mean", "std", "p_t", "p_wilcoxon")) {
                fields.add(Decimals.shortest(summary.doubleColumn(name).getDouble(i)));
            }
            csv.append(String.join(",", fields)).append('\n');
        }
        return csv.toString();
    }

    /** A CSV field, quoted where it holds a comma, a quote or a line break. */
    static String csvField(String text) {
        return text.matches("[^,\"\r\n]*") ? text : '"' + text.replace("\"", "\"\"") + '"';
    }
}
