package io.tributary.mmmie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.tributary.tensors.BlockParameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The VIB's KL term by hand, its sampling, and its masked mean over valid steps. */
class VibBlockTest {

    @Test
    void klOfAStandardNormalPosteriorIsZeroAndGrowsWithTheMean() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray sigma = manager.ones(new Shape(2, 3));
            assertEquals(0f, kl(manager.zeros(new Shape(2, 3)), sigma), 1e-7f);
            // sigma = 1: KL = 0.5 mean(mu^2).
            assertEquals(0.125f, kl(manager.full(new Shape(2, 3), 0.5f), sigma), 1e-6f);
            assertEquals(0.5f, kl(manager.full(new Shape(2, 3), -1f), sigma), 1e-6f);
            assertEquals(2f, kl(manager.full(new Shape(2, 3), 2f), sigma), 1e-6f);
            // mu = 0, sigma = 2: 0.5 (4 - 2 log 2 - 1).
            float wide = (float) (0.5 * (4 - 2 * Math.log(2) - 1));
            assertEquals(wide, kl(manager.zeros(new Shape(2, 3)), sigma.mul(2f)), 1e-6f);
        }
    }

    private static float kl(NDArray mu, NDArray sigma) {
        return VibBlock.klDivergence(mu, sigma, null).getFloat();
    }

    @Test
    void klOverStepsCountsOnlyValidSteps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Sample 0: steps mu = 1, 1, (99 padded); sample 1: mu = 3, (99, 99 padded); sigma 1.
            NDArray mu =
                    manager.create(new float[] {1, 1, 1, 1, 99, 99, 3, 3, 99, 99, 99, 99})
                            .reshape(2, 3, 2);
            NDArray mask = manager.create(new long[] {1, 1, 0, 1, 0, 0}).reshape(2, 3);
            NDArray sigma = manager.ones(mu.getShape());
            // valid steps' mean of 0.5 mu^2: (0.5 + 0.5 + 4.5) / 3.
            float expected = (0.5f + 0.5f + 4.5f) / 3;
            assertEquals(expected, VibBlock.klDivergence(mu, sigma, mask).getFloat(), 1e-5f);
        }
    }

    @Test
    void samplesInTrainingAndReturnsTheMeanInEvaluation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            VibBlock block = VibBlock.builder().setUnits(3).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(4, 5));
            Map<String, Parameter> named = BlockParameters.named(block);
            assertEquals(
                    List.of("mu.weight", "mu.bias", "rho.weight", "rho.bias"),
                    List.copyOf(named.keySet()));
            // mu = 0 and rho = 5 + log(e - 1), so sigma = softplus(log(e - 1)) = 1: KL 0.
            named.get("mu.weight").getArray().set(new float[15]);
            named.get("rho.weight").getArray().set(new float[15]);
            float rho = (float) (VibBlock.RHO_SHIFT + Math.log(Math.E - 1));
            named.get("rho.bias").getArray().set(new float[] {rho, rho, rho});
            NDArray r = manager.randomNormal(new Shape(4, 5));
            ParameterStore ps = new ParameterStore(manager, false);

            NDList eval = block.forward(ps, new NDList(r), false);
            assertArrayEquals(new float[12], eval.get(0).toFloatArray(), 0f);
            assertEquals(0f, eval.get(1).getFloat(), 1e-6f);

            NDList train = block.forward(ps, new NDList(r), true);
            float[] u = train.get(0).toFloatArray();
            float squares = 0;
            for (float value : u) {
                squares += value * value;
            }
            assertTrue(squares > 0.5f, "a sample of N(0, 1) in 12 dimensions, found " + squares);
            assertEquals(0f, train.get(1).getFloat(), 1e-6f);
        }
    }

    @Test
    void withoutTheBottleneckTheBlockIsTheMeanHeadAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            VibBlock block = VibBlock.builder().setUnits(3).optVariational(false).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(4, 5));
            assertFalse(block.variational());
            assertEquals(
                    List.of("mu.weight", "mu.bias"),
                    List.copyOf(BlockParameters.named(block).keySet()));
            NDArray r = manager.randomNormal(new Shape(4, 5));
            ParameterStore ps = new ParameterStore(manager, false);
            NDList train = block.forward(ps, new NDList(r), true);
            NDList eval = block.forward(ps, new NDList(r), false);
            assertEquals(1, train.size());
            assertArrayEquals(eval.head().toFloatArray(), train.head().toFloatArray(), 0f);
        }
    }
}
