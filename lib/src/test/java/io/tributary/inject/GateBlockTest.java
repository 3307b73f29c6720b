package io.tributary.inject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.tributary.tensors.BlockParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateBlockTest {

    private static NDArray gate(NDManager manager, GateBlock gate, NDArray h, NDArray x) {
        gate.initialize(manager, DataType.FLOAT32, h.getShape(), x.getShape());
        return gate.forward(new ParameterStore(manager, false), new NDList(h, x), false).head();
    }

    @Test
    void similarityGateStartsAsSigmoidOfTheCosine() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Tokens: x = 2h (cos 1), x = -h (cos -1), x orthogonal to h (cos 0).
            NDArray h = manager.create(new float[] {1, 0, 0, 1, 1, 0}, new Shape(1, 3, 2));
            NDArray x = manager.create(new float[] {2, 0, 0, -1, 0, 3}, new Shape(1, 3, 2));
            GateBlock similarity = new GateBlock(GateBlock.Kind.SIMILARITY, 2);

            NDArray g = gate(manager, similarity, h, x);

            assertEquals(new Shape(1, 3, 1), g.getShape());
            float s = (float) (1 / (1 + Math.exp(-1)));
            assertArrayEquals(new float[] {s, 1 - s, 0.5f}, g.toFloatArray(), 1e-6f);
            assertEquals(
                    List.of("w", "b"), List.copyOf(BlockParameters.named(similarity).keySet()));
        }
    }

    @Test
    void learnedGateIsAVectorInZeroOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray h = manager.randomNormal(new Shape(2, 3, 4));
            NDArray x = manager.randomNormal(new Shape(2, 3, 4));
            GateBlock learned = new GateBlock(GateBlock.Kind.LEARNED, 4);

            NDArray g = gate(manager, learned, h, x);

            assertEquals(new Shape(2, 3, 4), g.getShape());
            assertTrue(g.gt(0f).all().getBoolean() && g.lt(1f).all().getBoolean());
            assertEquals(
                    List.of("Wg.weight", "Wg.bias"),
                    List.copyOf(BlockParameters.named(learned).keySet()));
            assertEquals(
                    new Shape(4, 8), BlockParameters.named(learned).get("Wg.weight").getShape());
        }
    }

    @Test
    void noGateIsOneAndHasNoParameters() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray h = manager.randomNormal(new Shape(2, 3, 4));
            GateBlock none = new GateBlock(GateBlock.Kind.NONE, 4);

            NDArray g = gate(manager, none, h, h);

            assertArrayEquals(manager.ones(new Shape(2, 3, 1)).toFloatArray(), g.toFloatArray());
            assertTrue(BlockParameters.named(none).isEmpty());
        }
    }
}
