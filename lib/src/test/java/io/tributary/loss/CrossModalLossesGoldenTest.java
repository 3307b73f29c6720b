package io.tributary.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.tributary.tensors.SafetensorsFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** L_match and L_margin against fixtures/inject: an independent PyTorch transcription. */
class CrossModalLossesGoldenTest {

    private static final float TOLERANCE = 1e-5f;

    @Test
    void valuesAndInputGradientsAgreeWithTheTranscription() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            SafetensorsFile golden = fixture();
            NDArray zl = golden.array("loss.input.z_l", manager);
            NDArray za = golden.array("loss.input.z_a", manager);
            NDArray zv = golden.array("loss.input.z_v", manager);
            NDList predictions = new NDList(manager.zeros(zl.getShape()), zl, za, zv);
            NDList labels = new NDList(manager.zeros(zl.getShape()));
            CrossModalMatchingLoss matching = new CrossModalMatchingLoss();
            CrossModalMarginLoss margin = new CrossModalMarginLoss("margin", 1f, 0.2f);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                zl.setRequiresGradient(true);
                za.setRequiresGradient(true);
                zv.setRequiresGradient(true);
                NDArray lMatch = matching.evaluate(labels, predictions);
                NDArray lMargin = margin.evaluate(labels, predictions);
                assertEquals(
                        golden.floats("loss.output.matching")[0], lMatch.getFloat(), TOLERANCE);
                assertEquals(golden.floats("loss.output.margin")[0], lMargin.getFloat(), TOLERANCE);
                // 0 * sum(z_l) gives z_l a gradient to read: what the losses add to it must be 0.
                collector.backward(lMatch.add(lMargin).add(zl.sum().mul(0f)));
            }
            assertClose(golden.array("loss.grad.z_a", manager), za.getGradient());
            assertClose(golden.array("loss.grad.z_v", manager), zv.getGradient());
            assertArrayEquals(
                    new float[Math.toIntExact(zl.size())],
                    zl.getGradient().toFloatArray(),
                    "stop-gradient: no gradient into z_l");
        }
    }

    static SafetensorsFile fixture() throws Exception {
        return SafetensorsFile.open(
                Path.of(
                        CrossModalLossesGoldenTest.class
                                .getResource("/fixtures/inject/inject_golden.safetensors")
                                .toURI()));
    }

    static void assertClose(NDArray expected, NDArray actual) {
        assertEquals(expected.getShape(), actual.getShape());
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], TOLERANCE, "element " + i);
        }
    }
}
