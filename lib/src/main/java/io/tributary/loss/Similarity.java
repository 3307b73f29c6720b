package io.tributary.loss;

import ai.djl.ndarray.NDArray;
import io.tributary.tensors.Scalars;

/** Cosine similarity as PyTorch's {@code cosine_similarity} computes it, for losses and gates. */
public final class Similarity {

    /** PyTorch's default: a norm below it is replaced by it. */
    public static final float EPSILON = 1e-8f;

    private Similarity() {}

    /**
     * cos(x, y) = (x . y) / (max(||x||, eps) max(||y||, eps)) over the last axis: PyTorch's value,
     * with the divisions on the reduced shape, not on every element of x and y as the product of
     * the two unit vectors has them (the gate's backward then takes far fewer passes over (B, T,
     * d)).
     */
    public static NDArray cosine(NDArray x, NDArray y) {
        NDArray dot = x.mul(y).sum(new int[] {-1});
        return dot.div(clampedNorm(x, false).mul(clampedNorm(y, false)));
    }

    /** x / max(||x||, eps) over the last axis. */
    public static NDArray unit(NDArray x) {
        return x.div(clampedNorm(x, true));
    }

    /** max(||x||, eps) over the last axis. */
    private static NDArray clampedNorm(NDArray x, boolean keepDims) {
        return Scalars.maximum(x.norm(new int[] {-1}, keepDims), EPSILON);
    }
}
