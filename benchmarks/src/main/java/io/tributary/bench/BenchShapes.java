package io.tributary.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.tributary.bert.BertConfig;

/** What the benchmarks share: the BERT sizes by name, the thread setting, random inputs. */
final class BenchShapes {

    /** Nonverbal frames per sample: MOSI's word-aligned 50. */
    static final int FRAMES = 50;

    /** MOSI's acoustic (COVAREP) and visual (Facet) feature sizes. */
    static final int AUDIO_DIM = 74;

    static final int VISION_DIM = 47;

    private BenchShapes() {}

    /** {@code base} (BERT-base: 12 layers of width 768) or {@code tiny} (2 layers of width 32). */
    static BertConfig bert(String size) {
        return switch (size) {
            case "base" -> BertConfig.base();
            case "tiny" -> BertConfig.tiny();
            default ->
                    throw new IllegalArgumentException(
                            "size: expected base or tiny, found " + size);
        };
    }

    /** Fixes PyTorch's intra-op threads, as the {@code threads} setting of a run does. */
    static void threads(int threads) {
        JniUtils.setNumThreads(threads);
    }

    /** Standard normal values of {@code shape}. */
    static NDArray normal(NDManager manager, long... shape) {
        return manager.randomNormal(0f, 1f, new Shape(shape), DataType.FLOAT32);
    }

    /**
     * Copies of {@code arrays} on {@code step}, each a leaf that gets a gradient when {@code
     * gradient}: the outputs of a forward live on its inputs' manager, so per-call inputs keep them
     * per call, and closing {@code step} frees them.
     */
    static NDList perCall(NDManager step, boolean gradient, NDArray... arrays) {
        NDList copies = new NDList();
        for (NDArray array : arrays) {
            NDArray copy = array.duplicate();
            copy.attach(step);
            copy.setRequiresGradient(gradient && array.getDataType() == DataType.FLOAT32);
            copies.add(copy);
        }
        return copies;
    }
}
