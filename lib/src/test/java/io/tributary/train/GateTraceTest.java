package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.bert.BertCheckpoint;
import io.tributary.bert.BertConfig;
import io.tributary.bert.WordPieceTokenizer;
import io.tributary.core.InputException;
import io.tributary.data.MultimodalSplit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gate trace of a trained injection model: one short run (padding per batch, so that batches
 * differ in length), traced once and checked against the {@code result.json} the run wrote; and the
 * trace's means on hand-made values.
 */
class GateTraceTest {

    @TempDir static Path dir;

    private static Path bert;
    private static Path run;
    private static GateTrace trace;
    private static MultimodalSplit test;

    @BeforeAll
    static void trainAndTrace() {
        bert = dir.resolve("bert-tiny");
        BertCheckpoint.writeRandom(
                BertConfig.tiny(), WordPieceTokenizer.bundledVocabulary(), 1111, bert);
        run = dir.resolve("injection");
        train("injection", run, "max_epochs=2", "padding=batch", "nonverbal_hidden=16");
        trace = GateTrace.of(run, "synthetic", "test");
        Settings.Resolved settings = Settings.forModel("injection", 1, List.of());
        test = TrainingData.load("synthetic", bert, settings.train()).splits().get("test");
    }

    private static void train(String model, Path out, String... sets) {
        Settings.Resolved settings = Settings.forModel(model, 1, List.of(sets));
        TrainingData.Loaded loaded = TrainingData.load("synthetic", bert, settings.train());
        ModelTrainer.train(
                new TrainingRun(
                        settings.model(),
                        settings.train(),
                        bert,
                        loaded.splits(),
                        Task.MOSI,
                        loaded.source(),
                        out,
                        null));
    }

    @Test
    void everyArrayHasOneRowPerSampleAndTheMaskMarksEachSamplesValidTokens() {
        int samples = test.size();
        int tokens = trace.mask()[0].length;
        assertEquals(List.of(0, 1), trace.layers());
        assertEquals(samples, trace.samples());
        assertEquals(2, trace.gates().length);
        assertEquals(List.of("acoustic", "visual"), List.copyOf(trace.attention().keySet()));
        int longest = 0;
        for (int s = 0; s < samples; s++) {
            int valid = test.tokens().validLength(s);
            longest = Math.max(longest, valid);
            for (int t = 0; t < tokens; t++) {
                assertEquals(
                        t < valid ? 1f : 0f, trace.mask()[s][t], "sample " + s + " token " + t);
            }
            for (float[][] layer : trace.gates()) {
                assertEquals(tokens, layer[s].length);
            }
        }
        assertEquals(longest, tokens, "batches padded to their longest, rows to the split's");
        assertArrayEquals(test.labels(), trace.labels());
    }

    @Test
    void theMeansEqualThoseTheRunRecorded() {
        RunResult result = RunResult.read(run);
        assertEquals(result.test(), trace.evaluation().metrics());
        assertEquals(result.gates().keySet(), trace.meanGates().keySet());
        result.gates()
                .forEach((layer, mean) -> assertEquals(mean, trace.meanGates().get(layer), 1e-6));
        assertEquals(result.meanGate(), trace.meanGate(), 1e-6);
        result.attention()
                .forEach((m, mean) -> assertEquals(mean, trace.meanAttention().get(m), 1e-6));
    }

    @Test
    void gatesLieInTheUnitIntervalAndEachTokensAttentionSumsToOne() {
        for (int i = 0; i < trace.layers().size(); i++) {
            for (int s = 0; s < trace.samples(); s++) {
                for (int t = 0; t < trace.mask()[s].length; t++) {
                    if (trace.mask()[s][t] == 0) {
                        continue;
                    }
                    float g = trace.gates()[i][s][t];
                    assertTrue(g > 0 && g < 1, "gate " + g);
                    float a = trace.attention().get("acoustic")[i][s][t];
                    float v = trace.attention().get("visual")[i][s][t];
                    assertEquals(1f, a + v, 1e-5f);
                }
            }
        }
    }

    @Test
    void aRunWithoutGatesIsRefusedNamingIt() {
        Path text = dir.resolve("text");
        train("text", text, "max_epochs=1");
        InputException e =
                assertThrows(InputException.class, () -> GateTrace.of(text, "synthetic", "test"));
        assertTrue(e.getMessage().startsWith(text + ": expected a run of the injection model"));
        assertTrue(e.getMessage().endsWith("found model text"), e.getMessage());
    }

    /**
     * Two samples of 3 and 2 valid tokens (the third of the second is padding, its value 9 must not
     * count), one layer.
     */
    @Test
    void meansCountValidTokensOnly() {
        float[][] mask = {{1, 1, 1}, {1, 1, 0}};
        float[][][] gates = {{{0.1f, 0.2f, 0.3f}, {0.5f, 0.7f, 9f}}};
        float[][][] acoustic = {{{1f, 1f, 1f}, {0f, 0.5f, 9f}}};
        GateTrace hand =
                new GateTrace(
                        Path.of("hand"),
                        "test",
                        List.of(3),
                        gates,
                        mask,
                        Map.of("acoustic", acoustic),
                        new float[] {1, -2},
                        null);
        assertEquals(List.of("layer_3"), List.copyOf(hand.meanGates().keySet()));
        assertEquals(1.8 / 5, hand.meanGates().get("layer_3"), 1e-6);
        assertEquals(0.36, hand.meanGate(), 1e-6);
        assertEquals(3.5 / 5, hand.meanAttention().get("acoustic"), 1e-6);
        assertArrayEquals(new double[] {0.2, 0.6}, hand.sampleGates(), 1e-6);
        double[][] positions = hand.positionGates();
        assertArrayEquals(new double[] {0.3, 0.45, 0.3}, positions[0], 1e-6);
    }
}
