package io.tributary.mmmie;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** e_m per modality and p_m,k per step, added to the right tokens, with constant embeddings. */
class IdentityEmbeddingBlockTest {

    @Test
    void vectorModeAddsOneVectorPerModality() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IdentityEmbeddingBlock block = IdentityEmbeddingBlock.builder().setUnits(2).build();
            Shape token = new Shape(1, 1, 2);
            block.initialize(manager, DataType.FLOAT32, token, token, token);
            Map<String, Parameter> named = BlockParameters.named(block);
            assertEquals(List.of("modality"), List.copyOf(named.keySet()));
            named.get("modality").getArray().set(new float[] {1, 2, 3, 4, 5, 6});
            NDArray u = manager.create(new float[] {10, 20}, new Shape(1, 1, 2));
            NDList out =
                    block.forward(new ParameterStore(manager, false), new NDList(u, u, u), false);
            assertEquals(new Shape(1, 3, 2), out.head().getShape());
            assertArrayEquals(new float[] {11, 22, 13, 24, 15, 26}, out.head().toFloatArray(), 0f);
        }
    }

    @Test
    void sequenceModeAddsEachModalitysPositionsAndAcceptsShorterBatches() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IdentityEmbeddingBlock block =
                    IdentityEmbeddingBlock.builder().setUnits(1).optPositions(true).build();
            block.initialize(
                    manager,
                    DataType.FLOAT32,
                    new Shape(1, 3, 1),
                    new Shape(1, 2, 1),
                    new Shape(1, 2, 1));
            Map<String, Parameter> named = BlockParameters.named(block);
            assertEquals(
                    List.of("modality", "position_t", "position_a", "position_v"),
                    List.copyOf(named.keySet()));
            assertEquals(new Shape(3, 1), named.get("position_t").getShape());
            named.get("modality").getArray().set(new float[] {100, 200, 300});
            named.get("position_t").getArray().set(new float[] {1, 2, 3});
            named.get("position_a").getArray().set(new float[] {10, 20});
            named.get("position_v").getArray().set(new float[] {30, 40});
            NDList tokens =
                    new NDList(
                            manager.zeros(new Shape(1, 2, 1)),
                            manager.zeros(new Shape(1, 2, 1)),
                            manager.zeros(new Shape(1, 1, 1)));
            NDArray z = block.forward(new ParameterStore(manager, false), tokens, false).head();
            assertArrayEquals(new float[] {101, 102, 210, 220, 330}, z.toFloatArray(), 0f);

            NDList tooLong =
                    new NDList(
                            manager.zeros(new Shape(1, 4, 1)),
                            manager.zeros(new Shape(1, 2, 1)),
                            manager.zeros(new Shape(1, 1, 1)));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    block.forward(
                                            new ParameterStore(manager, false), tooLong, false));
            assertEquals(
                    "sequence length of modality t: expected at most 3 (the position embedding's"
                            + " length), found 4",
                    e.getMessage());
        }
    }
}
