package io.tributary.metrics;

import java.util.Arrays;

/**
 * The scores every metric set is built from, each as numpy and scikit-learn compute it.
 *
 * <p>Element-wise work happens on the float32 values themselves; sums, means and ratios are taken
 * in double, as {@code np.corrcoef} and scikit-learn do. {@code np.mean} of float32 differences
 * sums in float32, which can differ from the double sum here by about 1e-7, below the 4 places
 * kept.
 */
public final class Scores {

    /**
     * The class of a NaN value, for {@link #accuracy} and {@link #weightedF1}: it agrees with no
     * class, itself included, as {@code NaN == c} is false in numpy.
     */
    public static final int NO_CLASS = Integer.MIN_VALUE;

    private Scores() {}

    /** {@code round(x, 4)} of numpy: {@code rint(x * 10^4) / 10^4}, ties to even; NaN stays NaN. */
    public static double round4(double x) {
        return Math.rint(x * 1e4) / 1e4;
    }

    /**
     * Fraction of positions where {@code truth} and {@code predicted} agree; {@link #NO_CLASS}
     * agrees with nothing.
     */
    public static double accuracy(int[] truth, int[] predicted) {
        checkLengths(truth.length, predicted.length);
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == predicted[i] && truth[i] != NO_CLASS) {
                correct++;
            }
        }
        return correct / (double) truth.length;
    }

    /**
     * scikit-learn's {@code f1_score(truth, predicted, average='weighted')}: over the labels
     * present in either array, F1_c = 2 TP_c / (support_c + predicted_c), averaged with weights
     * support_c. A position of {@link #NO_CLASS} counts in the total but for no label: predicted,
     * it is a miss for the true label; true, it weighs in with F1 0, as scikit-learn scores a class
     * that no prediction agrees with.
     */
    public static double weightedF1(int[] truth, int[] predicted) {
        checkLengths(truth.length, predicted.length);
        int[] labels =
                Arrays.stream(concat(truth, predicted))
                        .filter(label -> label != NO_CLASS)
                        .distinct()
                        .sorted()
                        .toArray();
        double weighted = 0;
        for (int label : labels) {
            int truePositive = 0;
            int support = 0;
            int predictedCount = 0;
            for (int i = 0; i < truth.length; i++) {
                boolean isTrue = truth[i] == label;
                boolean isPredicted = predicted[i] == label;
                support += isTrue ? 1 : 0;
                predictedCount += isPredicted ? 1 : 0;
                truePositive += isTrue && isPredicted ? 1 : 0;
            }
            weighted += support * (2.0 * truePositive / (support + predictedCount));
        }
        return weighted / truth.length;
    }

    /** mean |p_i - y_i|, each difference taken in float32. */
    public static double meanAbsoluteError(float[] predictions, float[] labels) {
        checkLengths(predictions.length, labels.length);
        double sum = 0;
        for (int i = 0; i < predictions.length; i++) {
            sum += Math.abs(predictions[i] - labels[i]);
        }
        return sum / predictions.length;
    }

    /** Pearson's correlation, as {@code np.corrcoef(p, y)[0][1]}; NaN when either is constant. */
    public static double pearson(float[] predictions, float[] labels) {
        checkLengths(predictions.length, labels.length);
        double meanP = mean(predictions);
        double meanY = mean(labels);
        double cross = 0;
        double squaresP = 0;
        double squaresY = 0;
        for (int i = 0; i < predictions.length; i++) {
            double dp = predictions[i] - meanP;
            double dy = labels[i] - meanY;
            cross += dp * dy;
            squaresP += dp * dp;
            squaresY += dy * dy;
        }
        double r = cross / Math.sqrt(squaresP * squaresY);
        return Double.isNaN(r) ? r : Math.max(-1, Math.min(1, r));
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static void checkLengths(int n, int m) {
        if (n != m || n == 0) {
            throw new IllegalArgumentException(
                    "Expected predictions and labels of one non-zero length, found "
                            + n
                            + " and "
                            + m);
        }
    }
}
