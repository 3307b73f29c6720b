package io.tributary.mmmie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.tributary.tensors.BlockParameters;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fusion encoder's layout, its post-LN output and its padding mask. */
class FusionEncoderBlockTest {

    @Test
    void layersAreBertLayersOfWidthDPrimeWithAFeedForwardOfTwiceThat() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FusionEncoderBlock block = FusionEncoderBlock.builder().setUnits(8).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 5, 8), new Shape(2, 5));
            Map<String, Parameter> named = BlockParameters.named(block);
            assertEquals(32, named.size(), named.keySet().toString());
            assertEquals(
                    new Shape(16, 8),
                    named.get("encoder.layer.1.intermediate.dense.weight").getShape());
            assertEquals(
                    new Shape(8),
                    named.get("encoder.layer.1.attention.output.LayerNorm.weight").getShape());
            assertTrue(named.containsKey("encoder.layer.0.attention.self.query.weight"));
        }
    }

    @Test
    void outputsAreNormalisedAndPaddedTokensDoNotReachTheOthers() {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            FusionEncoderBlock block = FusionEncoderBlock.builder().setUnits(8).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 5, 8), new Shape(2, 5));
            NDArray z = manager.randomNormal(new Shape(2, 5, 8));
            NDArray mask =
                    manager.create(new float[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1}, new Shape(2, 5));
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray out = block.forward(ps, new NDList(z, mask), false).head();
            NDArray noisy = z.duplicate();
            noisy.set(new NDIndex("0, 3:, :"), 1000f);
            NDArray again = block.forward(ps, new NDList(noisy, mask), false).head();
            assertArrayEquals(
                    out.get("0, :3, :").toFloatArray(),
                    again.get("0, :3, :").toFloatArray(),
                    1e-5f);
            assertArrayEquals(out.get("1").toFloatArray(), again.get("1").toFloatArray(), 0f);
            // Post-LN with LayerNorm weight 1 and bias 0: every token has mean 0 and variance 1.
            float[] means = out.mean(new int[] {2}).toFloatArray();
            float[] variances =
                    out.sub(out.mean(new int[] {2}, true))
                            .square()
                            .mean(new int[] {2})
                            .toFloatArray();
            for (int i = 0; i < means.length; i++) {
                assertEquals(0f, means[i], 1e-5f);
                assertEquals(1f, variances[i], 1e-3f);
            }
        }
    }
}
