package io.tributary.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.tributary.tensors.SafetensorsFile;
import io.tributary.testing.Golden;
import org.junit.jupiter.api.Test;

/** L_match and L_margin against fixtures/inject: an independent PyTorch transcription. */
class CrossModalLossesGoldenTest {

    private static final float TOLERANCE = 1e-5f;

    @Test
    void valuesAndInputGradientsAgreeWithTheTranscription() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            SafetensorsFile golden = Golden.open("/fixtures/inject/inject_golden.safetensors");
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
                Golden.assertClose(
                        "L_match",
                        golden.array("loss.output.matching", manager),
                        lMatch.reshape(1),
                        TOLERANCE);
                Golden.assertClose(
                        "L_margin",
                        golden.array("loss.output.margin", manager),
                        lMargin.reshape(1),
                        TOLERANCE);
                // 0 * sum(z_l) gives z_l a gradient to read: what the losses add to it must be 0.
                collector.backward(lMatch.add(lMargin).add(zl.sum().mul(0f)));
            }
            Golden.assertClose(
                    "dL/dz_a", golden.array("loss.grad.z_a", manager), za.getGradient(), TOLERANCE);
            Golden.assertClose(
                    "dL/dz_v", golden.array("loss.grad.z_v", manager), zv.getGradient(), TOLERANCE);
            assertArrayEquals(
                    new float[Math.toIntExact(zl.size())],
                    zl.getGradient().toFloatArray(),
                    "stop-gradient: no gradient into z_l");
        }
    }
}
