package io.tributary.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IemocapMetricsTest {

    @Test
    void scoresEachEmotionsArgmaxAgainstItsLabel() {
        // Two samples; per emotion (Neutral, Happy, Sad, Angry) two logits.
        float[] logits = {
            0f, 1f, 2f, 1f, 0f, 0f, 1f, 3f, // sample 0 predicts 1, 0, 0 (tie), 1
            1f, 0f, 0f, 1f, 0f, 5f, 4f, 3f // sample 1 predicts 0, 1, 1, 0
        };
        float[] labels = {
            1, 0, 0, 1, //
            1, 1, 0, 1
        };
        Map<String, Double> metrics = IemocapMetrics.compute(logits, labels);
        assertEquals(
                List.of(
                        "Neutral_acc",
                        "Neutral_F1",
                        "Happy_acc",
                        "Happy_F1",
                        "Sad_acc",
                        "Sad_F1",
                        "Angry_acc",
                        "Angry_F1"),
                List.copyOf(metrics.keySet()));
        assertEquals(0.5, metrics.get("Neutral_acc"));
        assertEquals(1.0, metrics.get("Happy_acc"));
        assertEquals(1.0, metrics.get("Happy_F1"));
        assertEquals(0.5, metrics.get("Sad_acc"));
        // Sad: truth {0, 0}, predicted {0, 1}: label 0 F1 = 2/3 with weight 2, label 1 weight 0.
        assertEquals(0.6667, metrics.get("Sad_F1"));
        assertEquals(0.5, metrics.get("Angry_acc"));
    }

    @Test
    void nanLogitsScoreAsNumpysArgmaxInMultsFormulas() throws Exception {
        for (JsonElement element : RegressionMetricsTest.nanCases().getAsJsonArray("iemocap")) {
            JsonObject nanCase = element.getAsJsonObject();
            Map<String, Double> actual =
                    IemocapMetrics.compute(
                            RegressionMetricsTest.floats(nanCase.getAsJsonArray("logits")),
                            RegressionMetricsTest.floats(nanCase.getAsJsonArray("labels")));
            assertEquals(
                    RegressionMetricsTest.expected(nanCase),
                    actual,
                    nanCase.get("shows").getAsString());
        }
    }

    @Test
    void namesAreTheKeysComputeReturnsInOrder() {
        float[] logits = new float[8];
        float[] labels = {0f, 1f, 0f, 1f};
        assertEquals(
                IemocapMetrics.names(),
                List.copyOf(IemocapMetrics.compute(logits, labels).keySet()));
    }

    @Test
    void refusesMismatchedShapes() {
        assertThrows(
                IllegalArgumentException.class,
                () -> IemocapMetrics.compute(new float[8], new float[3]));
        assertThrows(
                IllegalArgumentException.class,
                () -> IemocapMetrics.compute(new float[8], new float[] {0, 1, 2, 0}));
    }
}
