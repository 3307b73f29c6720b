package io.tributary.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tributary.TestResources;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

    /** The cases of fixtures/metrics/golden.json, computed by MMSA's own metric code. */
    static JsonArray goldenCases() throws Exception {
        return TestResources.json("fixtures/metrics/golden.json").getAsJsonArray();
    }

    /**
     * metrics/nan_cases.json: predictions holding NaN and their metrics by MMSA's and MulT's
     * formulas, written by lib/src/test/python/make_nan_metric_cases.py.
     */
    static JsonObject nanCases() throws Exception {
        return TestResources.json("metrics/nan_cases.json").getAsJsonObject();
    }

    static Map<String, Double> expected(JsonObject goldenCase) {
        Map<String, Double> expected = new LinkedHashMap<>();
        goldenCase
                .getAsJsonObject("expected")
                .entrySet()
                .forEach(e -> expected.put(e.getKey(), e.getValue().getAsDouble()));
        return expected;
    }

    static Path caseFile(int index) {
        return TestResources.fixture("metrics/case" + index + ".csv");
    }

    @Test
    void everyGoldenCaseAgreesToFourPlaces() throws Exception {
        JsonArray cases = goldenCases();
        for (int i = 0; i < cases.size(); i++) {
            JsonObject goldenCase = cases.get(i).getAsJsonObject();
            RegressionMetrics metrics =
                    RegressionMetrics.valueOf(goldenCase.get("dataset").getAsString());
            Map<String, Double> actual =
                    metrics.compute(
                            floats(goldenCase.getAsJsonArray("predictions")),
                            floats(goldenCase.getAsJsonArray("labels")));
            assertEquals(expected(goldenCase), actual, "case " + i);
        }
    }

    @Test
    void nanPredictionsScoreAsInMmsasFormulas() throws Exception {
        JsonArray cases = nanCases().getAsJsonArray("regression");
        for (JsonElement element : cases) {
            JsonObject nanCase = element.getAsJsonObject();
            RegressionMetrics metrics =
                    RegressionMetrics.valueOf(nanCase.get("dataset").getAsString());
            Map<String, Double> actual =
                    metrics.compute(
                            floats(nanCase.getAsJsonArray("predictions")),
                            floats(nanCase.getAsJsonArray("labels")));
            assertEquals(expected(nanCase), actual, nanCase.get("shows").getAsString());
        }
    }

    @Test
    void caseFilesHoldTheGoldenValues() throws Exception {
        JsonArray cases = goldenCases();
        for (int i = 0; i < cases.size(); i++) {
            JsonObject goldenCase = cases.get(i).getAsJsonObject();
            PredictionCsv csv = PredictionCsv.read(caseFile(i));
            assertEquals(
                    Arrays.toString(floats(goldenCase.getAsJsonArray("predictions"))),
                    Arrays.toString(csv.predictions()));
            assertEquals(
                    Arrays.toString(floats(goldenCase.getAsJsonArray("labels"))),
                    Arrays.toString(csv.labels()));
        }
    }

    @Test
    void namesAreTheKeysComputeReturnsInOrder() {
        float[] predictions = {0.5f, -1.2f, 2.0f};
        float[] labels = {0.3f, -0.8f, 1.0f};
        for (RegressionMetrics convention : RegressionMetrics.values()) {
            assertEquals(
                    convention.names(),
                    List.copyOf(convention.compute(predictions, labels).keySet()),
                    convention.name());
        }
    }

    @Test
    void simsBinEdgesAreFloat32() {
        // 0.1f is above 0.1 in double but on the float32 edge, so in bin (-0.1, 0.1] as in
        // numpy's code, not in the label's bin (0.1, 1]; compared in double, Acc-3 would be 1.
        float[] predictions = {0.1f, -0.1f, 0.7f, -0.7f};
        float[] labels = {0.2f, -0.5f, 0.5f, -0.9f};
        Map<String, Double> metrics = RegressionMetrics.SIMS.compute(predictions, labels);
        assertEquals(0.75, metrics.get("Mult_acc_3"));
        assertEquals(0.75, metrics.get("Mult_acc_5"));
        assertEquals(1.0, metrics.get("Mult_acc_2"));
    }

    @Test
    void moseiRoundsHalfToEvenAndSplitsAtZero() {
        // p: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, -0.5 -> -0; y: 0, 2, 2, 0 -> Acc-7 = 1.
        float[] predictions = {0.5f, 1.5f, 2.5f, -0.5f};
        float[] labels = {0f, 2f, 2f, -0f};
        Map<String, Double> metrics = RegressionMetrics.MOSI.compute(predictions, labels);
        assertEquals(1.0, metrics.get("Mult_acc_7"));
        assertEquals(0.75, metrics.get("Has0_acc_2"), "-0.5 >= 0 is false, -0 >= 0 is true");
        assertEquals(1.0, metrics.get("Non0_acc_2"), "only the two labels 2 count");
        assertEquals(0.5, metrics.get("MAE"));
    }

    @Test
    void nonZeroMetricsAreNaNWithoutNonZeroLabels() {
        Map<String, Double> metrics =
                RegressionMetrics.MOSEI.compute(new float[] {1f, -1f}, new float[] {0f, 0f});
        assertTrue(metrics.get("Non0_acc_2").isNaN());
        assertTrue(metrics.get("Non0_F1_score").isNaN());
        assertEquals(0.5, metrics.get("Has0_acc_2"));
    }

    static float[] floats(JsonArray array) {
        float[] values = new float[array.size()];
        int i = 0;
        for (JsonElement element : array) {
            values[i++] = element.getAsFloat();
        }
        return values;
    }
}
