package io.tributary.inject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.tributary.tensors.BlockParameters;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MagBlockTest {

    private static NDList run(
            NDManager manager, MagBlock mag, boolean zeroGates, boolean training) {
        manager.getEngine().setRandomSeed(5);
        NDArray e = manager.randomNormal(new Shape(2, 3, 6));
        NDArray v = manager.randomNormal(new Shape(2, 3, 4));
        NDArray a = manager.randomNormal(new Shape(2, 3, 5));
        mag.initialize(manager, DataType.FLOAT32, e.getShape(), v.getShape(), a.getShape());
        if (zeroGates) {
            BlockParameters.named(mag)
                    .forEach(
                            (name, p) -> {
                                if (name.startsWith("W_h")) {
                                    p.getArray()
                                            .set(new float[Math.toIntExact(p.getArray().size())]);
                                }
                            });
        }
        return new NDList(
                e,
                mag.forward(new ParameterStore(manager, false), new NDList(e, v, a), training)
                        .head());
    }

    @Test
    void aZeroShiftLeavesLayerNormOfTheEmbedding() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Zero gates give h = 0, whose norm counts as 1: out = LayerNorm(e), no NaN.
            NDList run = run(manager, MagBlock.builder().setHiddenSize(6).build(), true, false);
            NDArray e = run.get(0);
            NDArray centred = e.sub(e.mean(new int[] {-1}, true));
            NDArray variance = centred.square().mean(new int[] {-1}, true);
            NDArray expected = centred.div(variance.add(1e-5f).sqrt());
            assertArrayEquals(expected.toFloatArray(), run.get(1).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void dropoutActsOnlyInTraining() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MagBlock mag = MagBlock.builder().setHiddenSize(6).build();
            float[] eval = run(manager, mag, false, false).get(1).toFloatArray();
            MagBlock again = MagBlock.builder().setHiddenSize(6).build();
            assertArrayEquals(eval, run(manager, again, false, false).get(1).toFloatArray());
            MagBlock training = MagBlock.builder().setHiddenSize(6).build();
            NDArray out = run(manager, training, false, true).get(1);
            assertFalse(Arrays.equals(eval, out.toFloatArray()));
            assertEquals(new Shape(2, 3, 6), out.getShape());
        }
    }

    @Test
    void builderRefusesANonPositiveBetaShift() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> MagBlock.builder().setHiddenSize(6).optBetaShift(0f).build());
        assertEquals("betaShift must be positive and finite, found 0.0", e.getMessage());
    }
}
