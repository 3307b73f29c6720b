package io.tributary.metrics;

import static io.tributary.metrics.Scores.accuracy;
import static io.tributary.metrics.Scores.round4;
import static io.tributary.metrics.Scores.weightedF1;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * IEMOCAP's per-emotion metrics, as MulT's {@code eval_iemocap}: for each emotion e, the predicted
 * class is argmax over its two logits as {@code np.argmax} takes it (the first NaN if any, else the
 * larger, the first on a tie), and {@code <Emotion>_acc} and {@code <Emotion>_F1} are the accuracy
 * and weighted F1 of that class against the label.
 */
public final class IemocapMetrics {

    /** The emotions, in the order of the logits' and labels' second axis. */
    public static final List<String> EMOTIONS = List.of("Neutral", "Happy", "Sad", "Angry");

    private IemocapMetrics() {}

    /** The metric names {@link #compute} returns, in its order. */
    public static List<String> names() {
        return EMOTIONS.stream()
                .flatMap(emotion -> Stream.of(emotion + "_acc", emotion + "_F1"))
                .toList();
    }

    /**
     * @param logits (N, 4, 2) logits, row-major
     * @param labels (N, 4) labels, each 0 or 1, row-major
     * @return {@code Neutral_acc, Neutral_F1, Happy_acc, ...} in that order, rounded to 4 places
     */
    public static Map<String, Double> compute(float[] logits, float[] labels) {
        int emotions = EMOTIONS.size();
        if (labels.length == 0
                || labels.length % emotions != 0
                || logits.length != 2 * labels.length) {
            throw new IllegalArgumentException(
                    "Expected (N, 4, 2) logits and (N, 4) labels, found "
                            + logits.length
                            + " logits and "
                            + labels.length
                            + " labels");
        }
        int n = labels.length / emotions;
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int e = 0; e < emotions; e++) {
            int[] truth = new int[n];
            int[] predicted = new int[n];
            for (int i = 0; i < n; i++) {
                truth[i] = classOf(labels[i * emotions + e]);
                int logit = 2 * (i * emotions + e);
                predicted[i] = argmax(logits[logit], logits[logit + 1]);
            }
            metrics.put(EMOTIONS.get(e) + "_acc", round4(accuracy(truth, predicted)));
            metrics.put(EMOTIONS.get(e) + "_F1", round4(weightedF1(truth, predicted)));
        }
        return metrics;
    }

    /** {@code np.argmax} of two: the first NaN if any, else the larger, the first on a tie. */
    private static int argmax(float first, float second) {
        return !Float.isNaN(first) && (Float.isNaN(second) || second > first) ? 1 : 0;
    }

    private static int classOf(float label) {
        if (label != 0f && label != 1f) {
            throw new IllegalArgumentException("Expected IEMOCAP labels 0 or 1, found " + label);
        }
        return (int) label;
    }
}
