package io.tributary.train;

import io.tributary.data.MultimodalSplit;
import io.tributary.metrics.IemocapMetrics;
import io.tributary.metrics.RegressionMetrics;
import java.util.List;
import java.util.Map;

/** Which corpus's conventions score a run: MOSI and MOSEI, SIMS, or IEMOCAP's emotions. */
public enum Task {
    MOSI,
    MOSEI,
    SIMS,
    IEMOCAP;

    /** The default task of a corpus: IEMOCAP for emotion classes, else MOSI's conventions. */
    public static Task of(MultimodalSplit split) {
        return split.labelKind() == MultimodalSplit.LabelKind.EMOTION_CLASSES ? IEMOCAP : MOSI;
    }

    /** The names of {@link #metrics}, in its order. */
    public List<String> metricNames() {
        return this == IEMOCAP ? IemocapMetrics.names() : RegressionMetrics.valueOf(name()).names();
    }

    /** Metric name to value; {@code outputs} are scores, or (N, E, 2) logits for IEMOCAP. */
    public Map<String, Double> metrics(float[] outputs, float[] labels) {
        return this == IEMOCAP
                ? IemocapMetrics.compute(outputs, labels)
                : RegressionMetrics.valueOf(name()).compute(outputs, labels);
    }
}
