package io.tributary.tensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalarsTest {

    /**
     * d/dx [3x + x/4 + max(x, 2) + min(x, 2)] = 3 + 1/4 + 1 for x away from 2, even when the
     * garbage collector has run and memory has been reused between the forward and the backward
     * pass: autograd's copy of each constant must not depend on a Java object.
     */
    @Test
    void gradientsKeepTheirConstantsThroughGarbageCollection() throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, 3, 5, -7});
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y =
                        Scalars.mul(x, 3)
                                .add(Scalars.div(x, 4))
                                .add(Scalars.maximum(x, 2))
                                .add(Scalars.minimum(x, 2))
                                .sum();
                collectAndReuseFreedMemory();
                collector.backward(y);
            }
            assertArrayEquals(
                    new float[] {4.25f, 4.25f, 4.25f, 4.25f}, x.getGradient().toFloatArray());
        }
    }

    /** Frees unreachable direct buffers and fills small allocations with NaN bytes. */
    private static void collectAndReuseFreedMemory() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(50);
            List<ByteBuffer> filler = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(4);
                buffer.putInt(0, 0x7fc00000 + i);
                filler.add(buffer);
            }
        }
    }
}
