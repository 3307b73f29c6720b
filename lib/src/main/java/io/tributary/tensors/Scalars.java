package io.tributary.tensors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * Arithmetic between an array and a constant that stays correct when autograd keeps the constant.
 *
 * <p>DJL's {@code mul(Number)}, {@code div(Number)}, {@code maximum(Number)} and {@code
 * minimum(Number)} put the number in a 0-d tensor over a Java direct buffer ({@code
 * torch::from_blob}: memory PyTorch does not own) and close it on return. Autograd saves that
 * tensor for the backward pass (d(x c)/dx = c), but only the closed Java array kept the buffer
 * alive: once the garbage collector frees it, the backward pass reads freed memory. Gradients then
 * depend on when the collector ran, so the same run differs between processes and sometimes turns
 * non-finite. Here PyTorch makes the constant ({@code torch::full}), so autograd's reference keeps
 * it alive. {@code add} and {@code sub} with a number are safe as DJL has them: their backward does
 * not read the constant.
 */
public final class Scalars {

    private Scalars() {}

    /** x c. */
    public static NDArray mul(NDArray x, double c) {
        return apply(x, c, NDArray::mul);
    }

    /** x / c. */
    public static NDArray div(NDArray x, double c) {
        return apply(x, c, NDArray::div);
    }

    /** max(x, c), elementwise. */
    public static NDArray maximum(NDArray x, double c) {
        return apply(x, c, NDArray::maximum);
    }

    /** min(x, c), elementwise. */
    public static NDArray minimum(NDArray x, double c) {
        return apply(x, c, NDArray::minimum);
    }

    private static NDArray apply(NDArray x, double c, BinaryOperator<NDArray> op) {
        try (NDArray constant = x.getManager().full(new Shape(), (float) c, x.getDataType())) {
            return op.apply(x, constant);
        }
    }
}
