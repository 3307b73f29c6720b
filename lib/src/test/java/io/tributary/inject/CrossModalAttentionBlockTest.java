package io.tributary.inject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.tributary.tensors.BlockParameters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossModalAttentionBlockTest {

    private static NDList forward(NDManager manager, CrossModalAttentionBlock block, NDList in) {
        return block.forward(new ParameterStore(manager, false), in, false);
    }

    @Test
    void handComputedScoresWeightsAndContext() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // d = d_att = 1, W_q = W_k = u = W_v = 1, b = b_v = 0, h = 0, m = (1, -1):
            // e = (tanh 1, -tanh 1), a_0 = sigmoid(2 tanh 1), c = a_0 - a_1 = 2 a_0 - 1.
            CrossModalAttentionBlock block =
                    CrossModalAttentionBlock.builder().setHiddenSize(1).optAttentionDim(1).build();
            NDArray h = manager.zeros(new Shape(1, 1, 1));
            NDArray m = manager.create(new float[] {1f, -1f}, new Shape(1, 2, 1));
            block.initialize(manager, DataType.FLOAT32, h.getShape(), m.getShape());
            BlockParameters.named(block)
                    .forEach(
                            (name, p) ->
                                    p.getArray()
                                            .set(new float[] {name.endsWith("bias") ? 0f : 1f}));

            NDList out = forward(manager, block, new NDList(h, m));

            double a0 = 1 / (1 + Math.exp(-2 * Math.tanh(1)));
            assertArrayEquals(
                    new float[] {(float) a0, (float) (1 - a0)}, out.get(1).toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {(float) (2 * a0 - 1)}, out.get(0).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void maskedKeysGetNoWeightAndAFullyMaskedRowGivesZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(7);
            CrossModalAttentionBlock block =
                    CrossModalAttentionBlock.builder().setHiddenSize(4).optAttentionDim(3).build();
            NDArray h = manager.randomNormal(new Shape(2, 3, 4));
            NDArray m = manager.randomNormal(new Shape(2, 2, 4));
            NDArray mask = manager.create(new float[] {1, 0, 0, 0}, new Shape(2, 2));
            block.initialize(manager, DataType.FLOAT32, h.getShape(), m.getShape());
            Map<String, Parameter> params = BlockParameters.named(block);

            NDList out = forward(manager, block, new NDList(h, m, mask));

            NDArray a = out.get(1); // (2, 3, 2)
            assertArrayEquals(new float[] {1, 0, 1, 0, 1, 0}, a.get(0).toFloatArray());
            assertArrayEquals(new float[6], a.get(1).toFloatArray());
            // Sample 0 attends to key 0 only: c_t = W_v m_0 + b_v for every token.
            NDArray value =
                    m.get(0)
                            .get(0)
                            .matMul(params.get("Wv.weight").getArray().transpose())
                            .add(params.get("Wv.bias").getArray()); // (4)
            for (int t = 0; t < 3; t++) {
                assertArrayEquals(
                        value.toFloatArray(), out.get(0).get(0).get(t).toFloatArray(), 1e-6f);
            }
            assertArrayEquals(new float[12], out.get(0).get(1).toFloatArray());
        }
    }

    @Test
    void weightsSumToOneOverKeysWithoutAMask() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CrossModalAttentionBlock block =
                    CrossModalAttentionBlock.builder().setHiddenSize(4).optAttentionDim(5).build();
            NDArray h = manager.randomNormal(new Shape(2, 3, 4));
            NDArray m = manager.randomNormal(new Shape(2, 6, 4));
            block.initialize(manager, DataType.FLOAT32, h.getShape(), m.getShape());

            NDList out = forward(manager, block, new NDList(h, m));

            assertEquals(new Shape(2, 3, 4), out.get(0).getShape());
            assertEquals(new Shape(2, 3, 6), out.get(1).getShape());
            assertArrayEquals(
                    manager.ones(new Shape(2, 3)).toFloatArray(),
                    out.get(1).sum(new int[] {-1}).toFloatArray(),
                    1e-6f);
        }
    }

    @Test
    void builderRefusesMissingOrBadSizes() {
        IllegalArgumentException missing =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CrossModalAttentionBlock.builder().build());
        assertEquals("hiddenSize must be set to a positive width, found -1", missing.getMessage());
        IllegalArgumentException bad =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                CrossModalAttentionBlock.builder()
                                        .setHiddenSize(4)
                                        .optAttentionDim(0)
                                        .build());
        assertEquals("attentionDim must be positive, found 0", bad.getMessage());
    }
}
