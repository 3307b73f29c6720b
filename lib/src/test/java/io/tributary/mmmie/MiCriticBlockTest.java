package io.tributary.mmmie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** Both critics' score matrices by hand, with constant weights. */
class MiCriticBlockTest {

    @Test
    void projectedCosineScoresEveryPairOverTau() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MiCriticBlock critic = MiCriticBlock.builder().setUnits(2).build();
            critic.initialize(manager, DataType.FLOAT32, new Shape(2, 2), new Shape(2, 2));
            Map<String, Parameter> named = BlockParameters.named(critic);
            assertEquals(
                    List.of("P.weight", "P.bias", "Q.weight", "Q.bias"),
                    List.copyOf(named.keySet()));
            named.get("P.weight").getArray().set(new float[] {2, 0, 0, 2});
            named.get("P.bias").getArray().set(new float[] {0, 0});
            named.get("Q.weight").getArray().set(new float[] {1, 0, 0, 1});
            named.get("Q.bias").getArray().set(new float[] {0, 0});
            // cos((3,4),(4,3)) = 0.96, cos((3,4),(0,2)) = 0.8, cos((1,0),(4,3)) = 0.8,
            // cos((1,0),(0,2)) = 0; divided by tau = 0.1.
            float[] scores =
                    scores(critic, manager, new float[] {3, 4, 1, 0}, new float[] {4, 3, 0, 2});
            assertArrayEquals(new float[] {9.6f, 8f, 8f, 0f}, scores, 1e-5f);
        }
    }

    @Test
    void bilinearScoresAreXTransposeWY() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MiCriticBlock critic =
                    MiCriticBlock.builder()
                            .setUnits(2)
                            .optKind(MiCriticBlock.Kind.BILINEAR)
                            .build();
            critic.initialize(manager, DataType.FLOAT32, new Shape(2, 2), new Shape(2, 2));
            Map<String, Parameter> named = BlockParameters.named(critic);
            assertEquals(List.of("W"), List.copyOf(named.keySet()));
            named.get("W").getArray().set(new float[] {1, 2, 0, 1});
            // x = I, so S = W y^T = [[1, 2], [0, 1]] [[1, 2], [1, 0]].
            float[] scores =
                    scores(critic, manager, new float[] {1, 0, 0, 1}, new float[] {1, 1, 2, 0});
            assertArrayEquals(new float[] {3f, 2f, 1f, 0f}, scores, 1e-6f);
        }
    }

    private static float[] scores(MiCriticBlock critic, NDManager manager, float[] x, float[] y) {
        NDArray xs = manager.create(x, new Shape(2, 2));
        NDArray ys = manager.create(y, new Shape(2, 2));
        NDList out = critic.forward(new ParameterStore(manager, false), new NDList(xs, ys), false);
        assertEquals(new Shape(2, 2), out.head().getShape());
        return out.head().toFloatArray();
    }
}
