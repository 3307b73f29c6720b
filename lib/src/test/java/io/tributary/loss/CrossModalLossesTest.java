package io.tributary.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed values of the representation losses on two samples of two dimensions. */
class CrossModalLossesTest {

    private static final float TOLERANCE = 1e-5f;

    private static NDList predictions(NDManager manager, float[][] zl, float[][] za, float[][] zv) {
        return new NDList(
                manager.zeros(new Shape(zl.length)),
                manager.create(zl),
                manager.create(za),
                manager.create(zv));
    }

    private static float evaluate(Loss loss, NDList predictions) {
        NDList labels = new NDList(predictions.get(0));
        return loss.evaluate(labels, predictions).getFloat();
    }

    @Test
    void matchingComparesBatchMeansAndUnbiasedVariances() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // z_l: mu (2, 0), var (2, 0); z_a: mu (0, 1), var (0, 2);
            // mean_dims((0-2)^2 + (0-2)^2, (1-0)^2 + (2-0)^2) = mean(8, 5) = 6.5; z_v = z_l: 0.
            float[][] zl = {{1, 0}, {3, 0}};
            NDList predictions = predictions(manager, zl, new float[][] {{0, 0}, {0, 2}}, zl);
            assertEquals(6.5f, evaluate(new CrossModalMatchingLoss(), predictions), TOLERANCE);
            assertEquals(
                    0.65f,
                    evaluate(new CrossModalMatchingLoss("match", 0.1f), predictions),
                    TOLERANCE);
        }
    }

    @Test
    void marginHingesOnTheCosineToTheOtherSamplesMean() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // z_a swapped: cos(z_l^i, z_a^i) = 0, cos(z_l^i, z_a^j) = 1, so each hinge is
            // gamma - 0 + 1; z_v = z_l: gamma - 1 + 0 < 0, so 0.
            float[][] zl = {{1, 0}, {0, 1}};
            NDList predictions = predictions(manager, zl, new float[][] {{0, 1}, {1, 0}}, zl);
            assertEquals(1.2f, evaluate(new CrossModalMarginLoss(), predictions), TOLERANCE);
            assertEquals(
                    1.5f,
                    evaluate(new CrossModalMarginLoss("margin", 1f, 0.5f), predictions),
                    TOLERANCE);
        }
    }

    @Test
    void contrastiveAveragesRowAndColumnCrossEntropies() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // tau 1: z_v = z_l gives scores [[1, 0], [0, 1]], each CE log(1 + e^-1); z_a swapped
            // gives [[0, 1], [1, 0]], each CE log(1 + e^1).
            float[][] zl = {{1, 0}, {0, 1}};
            NDList predictions = predictions(manager, zl, new float[][] {{0, 1}, {1, 0}}, zl);
            double expected = Math.log1p(Math.E) + Math.log1p(1 / Math.E);
            assertEquals(
                    expected, evaluate(new ContrastiveLoss("nce", 1f, 1f), predictions), TOLERANCE);
            // tau 0.1 on z_a = z_v = z_l: each CE log(1 + e^-10).
            NDList aligned = predictions(manager, zl, zl, zl);
            assertEquals(
                    2 * Math.log1p(Math.exp(-10)), evaluate(new ContrastiveLoss(), aligned), 1e-7);
        }
    }

    @Test
    void contrastiveMovesBothSides() {
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList predictions =
                    predictions(
                            manager,
                            new float[][] {{1, 0}, {0, 1}},
                            new float[][] {{1, 1}, {1, 0}},
                            new float[][] {{0, 1}, {1, 2}});
            NDArray zl = predictions.get(LossInputs.LANGUAGE);
            zl.setRequiresGradient(true);
            collector.backward(
                    new ContrastiveLoss().evaluate(new NDList(predictions.get(0)), predictions));
            assertTrue(zl.getGradient().abs().sum().getFloat() > 1e-3f);
        }
    }

    @Test
    void batchOfOneGivesZeroNotNaN() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[][] one = {{1, 2}};
            NDList predictions = predictions(manager, one, new float[][] {{3, 4}}, one);
            for (Loss loss :
                    List.of(
                            new CrossModalMatchingLoss(),
                            new CrossModalMarginLoss(),
                            new ContrastiveLoss())) {
                assertEquals(0f, evaluate(loss, predictions), loss.getName());
            }
        }
    }
}
