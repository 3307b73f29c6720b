package io.tributary.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.tributary.TestResources;
import io.tributary.tensors.SafetensorsFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Golden tests against the safetensors fixtures: open, compare within a tolerance (a block loads
 * its weights with {@link io.tributary.tensors.BlockParameters#load}).
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
