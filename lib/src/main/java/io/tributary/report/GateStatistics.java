package io.tributary.report;

import io.tributary.train.RunResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The injection model's gates and attention over runs, read from their {@code result.json} records:
 * a table of the runs, and the difference of the mean gate between two conditions (data whose
 * nonverbal streams are informative against data where they are noise) with its standard error over
 * seeds.
 */
public final class GateStatistics {

    private GateStatistics() {}

    /**
     * The difference of two conditions' mean gates over their runs' seeds: {@code a - b} and its
     * standard error sqrt(s_a^2 / n_a + s_b^2 / n_b) (sample variances, ddof 1), with Welch's
     * two-sided t-test.
     *
     * @param meanA the mean over a's runs of each run's mean gate
     * @param meanB likewise for b
     * @param difference {@code meanA - meanB}
     * @param standardError its standard error
     * @param pWelch Welch's two-sided p-value (NaN with fewer than two runs a side)
     * @param nA a's runs
     * @param nB b's runs
     */
    public record Difference(
            double meanA,
            double meanB,
            double difference,
            double standardError,
            double pWelch,
            int nA,
            int nB) {

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "mean gate %.4f (n=%d) - %.4f (n=%d) = %.4f ± %.4f (SE), Welch p = %.3g",
                    meanA,
                    nA,
                    meanB,
                    nB,
                    difference,
                    standardError,
                    pWelch);
        }
    }

    /** {@code a}'s mean gate against {@code b}'s, over their runs. */
    public static Difference meanGateDifference(List<RunResult> a, List<RunResult> b) {
        double[] x = meanGates(a);
        double[] y = meanGates(b);
        double standardError =
                Math.sqrt(StatUtils.variance(x) / x.length + StatUtils.variance(y) / y.length);
        double p = x.length > 1 && y.length > 1 ? new TTest().tTest(x, y) : Double.NaN;
        double meanA = StatUtils.mean(x);
        double meanB = StatUtils.mean(y);
        return new Difference(meanA, meanB, meanA - meanB, standardError, p, x.length, y.length);
    }

    /**
     * One row per run: its condition, seed, test MAE, mean gate, mean gate per injected layer and
     * mean attention per modality (a column per layer and per modality any run has; NaN where a run
     * has none).
     */
    public static Table runs(Map<String, List<RunResult>> conditions) {
        TreeSet<String> layers = new TreeSet<>();
        TreeSet<String> modalities = new TreeSet<>();
        conditions.values().stream()
                .flatMap(List::stream)
                .forEach(
                        r -> {
                            layers.addAll(r.gates().keySet());
                            modalities.addAll(r.attention().keySet());
                        });
        StringColumn condition = StringColumn.create("condition");
        IntColumn seed = IntColumn.create("seed");
        DoubleColumn mae = DoubleColumn.create("test MAE");
        DoubleColumn meanGate = DoubleColumn.create("mean gate");
        Table table = Table.create("runs", condition, seed, mae, meanGate);
        for (String layer : layers) {
            table.addColumns(DoubleColumn.create("gate " + layer));
        }
        for (String modality : modalities) {
            table.addColumns(DoubleColumn.create("attention " + modality));
        }
        conditions.forEach(
                (name, runs) -> {
                    for (RunResult run : runs) {
                        condition.append(name);
                        seed.append((int) run.seed());
                        mae.append(run.test().getOrDefault("MAE", Double.NaN));
                        meanGate.append(run.meanGate());
                        for (String layer : layers) {
                            table.doubleColumn("gate " + layer)
                                    .append(run.gates().getOrDefault(layer, Double.NaN));
                        }
                        for (String modality : modalities) {
                            table.doubleColumn("attention " + modality)
                                    .append(run.attention().getOrDefault(modality, Double.NaN));
                        }
                    }
                });
        for (String name : table.columnNames()) {
            if (table.column(name) instanceof DoubleColumn column) {
                column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
            }
        }
        return table;
    }

    private static double[] meanGates(List<RunResult> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("expected at least one run, found none");
        }
        return runs.stream().mapToDouble(RunResult::meanGate).toArray();
    }
}
