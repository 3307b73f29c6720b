package io.tributary.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.tributary.TestResources;
import io.tributary.tensors.BlockParameters;
import io.tributary.tensors.SafetensorsFile;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Golden tests against the safetensors fixtures: open, load a block, compare within a tolerance.
 */
public final class Golden {

    private static final Logger LOG = LoggerFactory.getLogger(Golden.class);

    private Golden() {}

    /**
     * A safetensors file among the test resources, e.g. {@code
     * /fixtures/mag/mag_golden.safetensors}.
     */
    public static SafetensorsFile open(String resource) {
        return SafetensorsFile.open(TestResources.path(resource));
    }

    /**
     * Copies into every parameter of the (initialised) {@code block} the tensor {@code
     * key.apply(its name)} of {@code file}, checking that the shapes agree.
     */
    public static void copyParameters(
            Block block, SafetensorsFile file, UnaryOperator<String> key) {
        for (Map.Entry<String, Parameter> named : BlockParameters.named(block).entrySet()) {
            String fixtureKey = key.apply(named.getKey());
            NDArray target = named.getValue().getArray();
            assertArrayEquals(
                    file.entry(fixtureKey).shape(), target.getShape().getShape(), fixtureKey);
            target.set(FloatBuffer.wrap(file.floats(fixtureKey)));
        }
    }

    /** Asserts equal shapes and max |expected - actual| <= tolerance; logs and returns the max. */
    public static float assertClose(
            String what, NDArray expected, NDArray actual, float tolerance) {
        assertEquals(expected.getShape(), actual.getShape(), what);
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        float max = 0;
        for (int i = 0; i < e.length; i++) {
            max = Math.max(max, Math.abs(e[i] - a[i]));
        }
        LOG.info("{}: max abs error {}", what, max);
        assertTrue(max <= tolerance, what + ": max abs error " + max + " > " + tolerance);
        return max;
    }
}
