package io.tributary.loss;

import ai.djl.ndarray.NDArray;
import io.tributary.tensors.Scalars;

/** Cosine similarity as PyTorch's {@code cosine_similarity} computes it, for losses and gates. */
public final class Similarity {

    /** PyTorch's default: a norm below it is replaced by it. */
    public static final float EPSILON = 1e-8f;

    private Similarity() {}

    /** cos(x, y) = (x / max(||x||, eps)) . (y / max(||y||, eps)) over the last axis. */
    public static NDArray cosine(NDArray x, NDArray y) {
        return unit(x).mul(unit(y)).sum(new int[] {-1});
    }

    /** x / max(||x||, eps) over the last axis. */
    public static NDArray unit(NDArray x) {
        return x.div(Scalars.maximum(x.norm(new int[] {-1}, true), EPSILON));
    }
}
