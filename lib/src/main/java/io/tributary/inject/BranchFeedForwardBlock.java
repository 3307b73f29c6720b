package io.tributary.inject;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The injection branch's feed-forward network (DESIGN.md section 1):
 *
 * <pre>
 * FFN(y) = Linear(d_ff, d)(Dropout(GELU(Linear(d, d_ff)(y))))
 * </pre>
 *
 * with the exact (erf) GELU. Input and output (B, T, d). The two Linears are the children {@code 0}
 * and {@code 3}, their positions in the PyTorch {@code Sequential(Linear, GELU, Dropout, Linear)}
 * of the reference transcription, so that parameter names match its keys.
 */
public final class BranchFeedForwardBlock extends AbstractBlock {

    private final Linear expand;
    private final Linear project;
    private final float dropout;

    private BranchFeedForwardBlock(Builder builder) {
        expand = addChildBlock("0", Linear.builder().setUnits(builder.feedForwardSize).build());
        project = addChildBlock("3", Linear.builder().setUnits(builder.hiddenSize).build());
        dropout = builder.dropout;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray y = expand.forward(ps, inputs, training).head(); // (B, T, d_ff)
        y = Activation.gelu(y); // (B, T, d_ff)
        y = Dropout.dropout(y, dropout, training).head(); // (B, T, d_ff)
        return project.forward(ps, new NDList(y), training); // (B, T, d)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        expand.initialize(manager, dataType, inputs[0]);
        project.initialize(manager, dataType, expand.getOutputShapes(inputs)[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }

    /** Sets d and, optionally, d_ff and the dropout rate. */
    public static final class Builder {

        private long hiddenSize = -1;
        private long feedForwardSize = -1;
        private float dropout = 0.1f;

        private Builder() {}

        /** d: the width of the input and output. */
        public Builder setHiddenSize(long hiddenSize) {
            this.hiddenSize = hiddenSize;
            return this;
        }

        /** d_ff, the inner width; default d. */
        public Builder optFeedForwardSize(long feedForwardSize) {
            this.feedForwardSize = feedForwardSize;
            return this;
        }

        /** The dropout rate after the GELU, applied only in training; default 0.1. */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        public BranchFeedForwardBlock build() {
            if (hiddenSize <= 0) {
                throw new IllegalArgumentException(
                        "hiddenSize must be set to a positive width, found " + hiddenSize);
            }
            if (feedForwardSize == -1) {
                feedForwardSize = hiddenSize;
            }
            if (feedForwardSize <= 0) {
                throw new IllegalArgumentException(
                        "feedForwardSize must be positive, found " + feedForwardSize);
            }
            if (dropout < 0 || dropout >= 1) {
                throw new IllegalArgumentException("dropout must be in [0, 1), found " + dropout);
            }
            return new BranchFeedForwardBlock(this);
        }
    }
}
