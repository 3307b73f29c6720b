package io.tributary.metrics;

import static io.tributary.metrics.Scores.NO_CLASS;
import static io.tributary.metrics.Scores.accuracy;
import static io.tributary.metrics.Scores.meanAbsoluteError;
import static io.tributary.metrics.Scores.pearson;
import static io.tributary.metrics.Scores.round4;
import static io.tributary.metrics.Scores.weightedF1;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The regression metrics of each corpus, named and computed as MMSA's {@code MetricsTop} does.
 *
 * <p>MOSI and MOSEI (labels in [-3, 3]): {@code Has0_acc_2} and {@code Has0_F1_score} compare p >=
 * 0 with y >= 0 over all samples; {@code Non0_acc_2} and {@code Non0_F1_score} compare p > 0 with y
 * > 0 over the samples whose y != 0 (NaN when there is none); {@code Mult_acc_7} is the accuracy of
 * round(clip(., -3, 3)), {@code Mult_acc_5} of round(clip(., -2, 2)), round half to even; {@code
 * MAE} = mean |p - y|, unclipped; {@code Corr} = Pearson(p, y).
 *
 * <p>SIMS (labels in [-1, 1]): p and y clipped to [-1, 1] first; {@code Mult_acc_2}, {@code
 * Mult_acc_3}, {@code Mult_acc_5} are accuracies over the bins [-1, 0], (0, 1]; [-1, -0.1], (-0.1,
 * 0.1], (0.1, 1]; [-1, -0.7], (-0.7, -0.1], (-0.1, 0.1], (0.1, 0.7], (0.7, 1]; {@code F1_score} is
 * the weighted F1 on the two bins; {@code MAE} and {@code Corr} are taken after clipping.
 *
 * <p>A NaN prediction (a diverged model's) is scored as numpy scores it in MMSA's code: it stays
 * NaN through clipping and rounding and falls in no SIMS bin, so it agrees with no class in {@code
 * Mult_acc_*} ({@link Scores#NO_CLASS}) and is a miss for its label's class in {@code F1_score}; p
 * >= 0 and p > 0 are false, so {@code Has0_*} and {@code Non0_*} count it negative; {@code MAE} and
 * {@code Corr} are NaN. (scikit-learn refuses NaN in SIMS's bins, so MMSA itself has no SIMS {@code
 * F1_score} for it.)
 *
 * <p>Values, clipping bounds and bin edges are float32, as numpy compares a float32 array with a
 * scalar: {@code -0.1f}, not {@code -0.1}. Every value is rounded to 4 places.
 */
public enum RegressionMetrics {
    MOSI,
    MOSEI,
    SIMS;

    private static final List<String> MOSEI_NAMES =
            List.of(
                    "Has0_acc_2",
                    "Has0_F1_score",
                    "Non0_acc_2",
                    "Non0_F1_score",
                    "Mult_acc_5",
                    "Mult_acc_7",
                    "MAE",
                    "Corr");
    private static final List<String> SIMS_NAMES =
            List.of("Mult_acc_2", "Mult_acc_3", "Mult_acc_5", "F1_score", "MAE", "Corr");

    private static final float[] SIMS_2 = {-1.01f, 0.0f, 1.01f};
    private static final float[] SIMS_3 = {-1.01f, -0.1f, 0.1f, 1.01f};
    private static final float[] SIMS_5 = {-1.01f, -0.7f, -0.1f, 0.1f, 0.7f, 1.01f};

    /** The metric names {@link #compute} returns, in its order. */
    public List<String> names() {
        return this == SIMS ? SIMS_NAMES : MOSEI_NAMES;
    }

    /** Metric name to value, in MMSA's order. */
    public Map<String, Double> compute(float[] predictions, float[] labels) {
        return this == SIMS ? sims(predictions, labels) : mosei(predictions, labels);
    }

    private static Map<String, Double> mosei(float[] p, float[] y) {
        int[] nonZero = IntStream.range(0, y.length).filter(i -> y[i] != 0f).toArray();
        int[] nonZeroTruth = IntStream.of(nonZero).map(i -> y[i] > 0f ? 1 : 0).toArray();
        int[] nonZeroPredicted = IntStream.of(nonZero).map(i -> p[i] > 0f ? 1 : 0).toArray();
        int[] truth = IntStream.range(0, y.length).map(i -> y[i] >= 0f ? 1 : 0).toArray();
        int[] predicted = IntStream.range(0, p.length).map(i -> p[i] >= 0f ? 1 : 0).toArray();
        boolean anyNonZero = nonZero.length > 0;
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("Has0_acc_2", round4(accuracy(truth, predicted)));
        metrics.put("Has0_F1_score", round4(weightedF1(truth, predicted)));
        metrics.put(
                "Non0_acc_2",
                anyNonZero ? round4(accuracy(nonZeroTruth, nonZeroPredicted)) : Double.NaN);
        metrics.put(
                "Non0_F1_score",
                anyNonZero ? round4(weightedF1(nonZeroTruth, nonZeroPredicted)) : Double.NaN);
        metrics.put("Mult_acc_5", round4(accuracy(roundClipped(y, 2f), roundClipped(p, 2f))));
        metrics.put("Mult_acc_7", round4(accuracy(roundClipped(y, 3f), roundClipped(p, 3f))));
        metrics.put("MAE", round4(meanAbsoluteError(p, y)));
        metrics.put("Corr", round4(pearson(p, y)));
        return metrics;
    }

    private static Map<String, Double> sims(float[] predictions, float[] labels) {
        float[] p = clip(predictions, 1f);
        float[] y = clip(labels, 1f);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("Mult_acc_2", round4(accuracy(bins(y, SIMS_2), bins(p, SIMS_2))));
        metrics.put("Mult_acc_3", round4(accuracy(bins(y, SIMS_3), bins(p, SIMS_3))));
        metrics.put("Mult_acc_5", round4(accuracy(bins(y, SIMS_5), bins(p, SIMS_5))));
        metrics.put("F1_score", round4(weightedF1(bins(y, SIMS_2), bins(p, SIMS_2))));
        metrics.put("MAE", round4(meanAbsoluteError(p, y)));
        metrics.put("Corr", round4(pearson(p, y)));
        return metrics;
    }

    private static float[] clip(float[] values, float bound) {
        float[] clipped = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            clipped[i] = Math.max(-bound, Math.min(bound, values[i]));
        }
        return clipped;
    }

    private static int[] roundClipped(float[] values, float bound) {
        float[] clipped = clip(values, bound);
        return IntStream.range(0, clipped.length)
                .map(i -> Float.isNaN(clipped[i]) ? NO_CLASS : (int) Math.rint(clipped[i]))
                .toArray();
    }

    /**
     * The bin i with edges[i] < v <= edges[i + 1], for v already clipped into the edges; NaN is in
     * none.
     */
    private static int[] bins(float[] values, float[] edges) {
        int[] bins = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (Float.isNaN(values[i])) {
                bins[i] = NO_CLASS;
                continue;
            }
            int bin = 0;
            while (values[i] > edges[bin + 1]) {
                bin++;
            }
            bins[i] = bin;
        }
        return bins;
    }
}
