package io.tributary.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.tributary.tensors.Scalars;

/** Means over the valid steps of padded sequences. */
public final class Masked {

    private Masked() {}

    /** The mean of the valid steps: (B, T, n) and a (B, T) mask of 1 and 0 to (B, n). */
    public static NDArray mean(NDArray values, NDArray mask) {
        NDArray keep = mask.toType(values.getDataType(), false); // (B, T)
        NDArray sum = values.mul(keep.expandDims(2)).sum(new int[] {1}); // (B, n)
        return sum.div(Scalars.maximum(keep.sum(new int[] {1}, true), 1)); // (B, n)
    }

    /** A (B, T) mask as float32, whatever its type. */
    public static NDArray asFloat(NDArray mask) {
        return mask.toType(DataType.FLOAT32, false);
    }
}
