package io.tributary.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.SimpleCompositeLoss;
import org.junit.jupiter.api.Test;

/** A model's prediction list as the package summary lays it out, through a composite loss. */
class LossContractTest {

    @Test
    void compositeOfWeightedLossesIsTheObjective() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(11);
            NDList predictions =
                    new NDList(
                            manager.randomNormal(new Shape(4, 1)), // ŷ
                            manager.randomNormal(new Shape(4, 6)), // z_l
                            manager.randomNormal(new Shape(4, 6)), // z_a
                            manager.randomNormal(new Shape(4, 6)), // z_v
                            manager.randomUniform(0f, 1f, new Shape(4, 7)), // a gate, ignored
                            manager.randomUniform(0f, 1f, new Shape(4, 7, 2))); // attention
            NDList labels = new NDList(manager.randomNormal(new Shape(4)));
            SimpleCompositeLoss objective =
                    new SimpleCompositeLoss()
                            .addLoss(new RegressionLoss())
                            .addLoss(new CrossModalMatchingLoss("match", 0.1f))
                            .addLoss(new CrossModalMarginLoss("margin", 0.1f, 0.2f));

            float expected =
                    new RegressionLoss().evaluate(labels, predictions).getFloat()
                            + 0.1f
                                    * new CrossModalMatchingLoss()
                                            .evaluate(labels, predictions)
                                            .getFloat()
                            + 0.1f
                                    * new CrossModalMarginLoss()
                                            .evaluate(labels, predictions)
                                            .getFloat();
            assertEquals(expected, objective.evaluate(labels, predictions).getFloat(), 1e-5f);
        }
    }
}
