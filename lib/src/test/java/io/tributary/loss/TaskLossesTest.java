package io.tributary.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TaskLossesTest {

    private static final float TOLERANCE = 1e-6f;

    @Test
    void regressionLossesAreMeanAbsoluteAndMeanSquaredErrors() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // ŷ (3, 1) beside z_l, z_a, z_v; y (3): differences 1, -2, 0.5.
            NDList predictions =
                    new NDList(
                            manager.create(new float[] {1f, 0f, 2.5f}, new Shape(3, 1)),
                            manager.ones(new Shape(3, 4)),
                            manager.ones(new Shape(3, 4)),
                            manager.ones(new Shape(3, 4)));
            NDList labels = new NDList(manager.create(new float[] {0f, 2f, 2f}));
            assertEquals(
                    3.5f / 3,
                    new RegressionLoss().evaluate(labels, predictions).getFloat(),
                    TOLERANCE);
            RegressionLoss mse = new RegressionLoss("mse", RegressionLoss.Kind.MSE, 1f);
            assertEquals(5.25f / 3, mse.evaluate(labels, predictions).getFloat(), TOLERANCE);
        }
    }

    @Test
    void emotionCrossEntropyAveragesOverSamplesAndEmotions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // One sample, two emotions: logits (0, 0) with class 1 -> -log(1/2); (ln 3, 0) with
            // class 0 -> -log(3/4).
            float ln3 = (float) Math.log(3);
            NDList predictions =
                    new NDList(manager.create(new float[] {0f, 0f, ln3, 0f}, new Shape(1, 2, 2)));
            NDList labels = new NDList(manager.create(new float[] {1f, 0f}, new Shape(1, 2)));
            double expected = (Math.log(2) + Math.log(4.0 / 3)) / 2;
            assertEquals(
                    expected,
                    new EmotionCrossEntropyLoss().evaluate(labels, predictions).getFloat(),
                    TOLERANCE);
        }
    }
}
