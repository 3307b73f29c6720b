package io.tributary.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** Padding never reaches the encoding, in either direction. */
class LstmEncoderBlockTest {

    @Test
    void paddingDoesNotChangeTheEncodingInEitherDirection() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            LstmEncoderBlock block =
                    LstmEncoderBlock.builder().setHidden(5).optBidirectional(true).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 6, 3), new Shape(2, 6));
            NDArray x = manager.randomNormal(new Shape(2, 6, 3));
            NDArray mask =
                    manager.create(
                            new float[] {1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1}, new Shape(2, 6));
            NDList padded =
                    block.forward(new ParameterStore(manager, false), new NDList(x, mask), false);
            assertEquals(new Shape(2, 10), padded.get(0).getShape());
            assertEquals(new Shape(2, 6, 10), padded.get(1).getShape());

            NDArray noisy = x.duplicate();
            noisy.set(new NDIndex("0, 4:, :"), 100f);
            NDList again =
                    block.forward(
                            new ParameterStore(manager, false), new NDList(noisy, mask), false);
            assertArrayEquals(padded.get(0).toFloatArray(), again.get(0).toFloatArray(), 1e-6f);
            assertArrayEquals(padded.get(1).toFloatArray(), again.get(1).toFloatArray(), 1e-6f);

            NDArray trimmed = x.get("0:1, 0:4, :");
            NDArray full = manager.ones(new Shape(1, 4));
            NDList alone =
                    block.forward(
                            new ParameterStore(manager, false), new NDList(trimmed, full), false);
            assertArrayEquals(
                    alone.get(0).toFloatArray(), padded.get(0).get("0:1").toFloatArray(), 1e-6f);
            assertArrayEquals(
                    alone.get(1).toFloatArray(),
                    padded.get(1).get("0:1, 0:4, :").toFloatArray(),
                    1e-6f);
            assertEquals(0f, padded.get(1).get("0, 4:, :").abs().sum().getFloat(), 0f);
        }
    }
}
