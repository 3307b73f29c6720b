package io.tributary.inject;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The gated nonverbal branch that runs beside one PLM layer (DESIGN.md section 1):
 *
 * <pre>
 * c, a = CrossModalAttention(H, M)          c (B, T, d), a (B, T, J)
 * X    = FFN(c + H)
 * g    = Gate(H, X)
 * out  = g ⊙ X                             added to the layer's output (or input)
 * </pre>
 *
 * Inputs {@code [H (B, T, d), M (B, J, d)]} and optionally a key mask {@code (B, J)} (see {@link
 * CrossModalAttentionBlock}). Outputs {@code [g ⊙ X (B, T, d), X (B, T, d), g (B, T), a (B, T,
 * J)]}: the gate is returned as (B, T), the vector gate averaged over its width. Children: {@code
 * attention} ({@code Wq, Wk, u, Wv}), {@code ffn} ({@code 0, 3}) and {@code gate} ({@code w, b} or
 * {@code Wg}); {@link #gate()} gives the gate, so that its parameters can have their own learning
 * rate.
 */
public final class InjectionBranchBlock extends AbstractBlock {

    private final CrossModalAttentionBlock attention;
    private final BranchFeedForwardBlock ffn;
    private final GateBlock gate;

    private InjectionBranchBlock(Builder builder) {
        attention =
                addChildBlock(
                        "attention",
                        CrossModalAttentionBlock.builder()
                                .setHiddenSize(builder.hiddenSize)
                                .optAttentionDim(builder.attentionDim)
                                .build());
        ffn =
                addChildBlock(
                        "ffn",
                        BranchFeedForwardBlock.builder()
                                .setHiddenSize(builder.hiddenSize)
                                .optFeedForwardSize(builder.feedForwardSize)
                                .optDropout(builder.dropout)
                                .build());
        gate = addChildBlock("gate", new GateBlock(builder.gate, builder.hiddenSize));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The gate, whose parameters learn at their own rate. */
    public GateBlock gate() {
        return gate;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.get(0); // (B, T, d)
        NDList attended = attention.forward(ps, inputs, training);
        NDArray c = attended.get(0); // (B, T, d)
        NDArray a = attended.get(1); // (B, T, J)
        NDArray x = ffn.forward(ps, new NDList(c.add(h)), training).head(); // (B, T, d)
        NDArray g = gate.forward(ps, new NDList(h, x), training).head(); // (B, T, 1) or (B, T, d)
        NDArray gatedX = g.mul(x); // (B, T, d)
        return new NDList(gatedX, x, g.mean(new int[] {-1}), a);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        attention.initialize(manager, dataType, inputs);
        ffn.initialize(manager, dataType, inputs[0]);
        gate.initialize(manager, dataType, inputs[0], inputs[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape h = inputs[0];
        Shape a = attention.getOutputShapes(inputs)[1];
        return new Shape[] {h, h, new Shape(h.get(0), h.get(1)), a};
    }

    /** Sets d and, optionally, d_att, d_ff, the gate and the FFN's dropout rate. */
    public static final class Builder {

        private long hiddenSize = -1;
        private long attentionDim = 128;
        private long feedForwardSize = -1;
        private GateBlock.Kind gate = GateBlock.Kind.SIMILARITY;
        private float dropout = 0.1f;

        private Builder() {}

        /** d: the PLM width, of H, M and X. */
        public Builder setHiddenSize(long hiddenSize) {
            this.hiddenSize = hiddenSize;
            return this;
        }

        /** d_att ({@code attention_dim}); default 128. */
        public Builder optAttentionDim(long attentionDim) {
            this.attentionDim = attentionDim;
            return this;
        }

        /** d_ff ({@code branch_ff}); default d. */
        public Builder optFeedForwardSize(long feedForwardSize) {
            this.feedForwardSize = feedForwardSize;
            return this;
        }

        /** The gate; default {@code SIMILARITY}. */
        public Builder optGate(GateBlock.Kind gate) {
            this.gate = gate;
            return this;
        }

        /** The FFN's dropout rate, applied only in training; default 0.1. */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        public InjectionBranchBlock build() {
            if (hiddenSize <= 0) {
                throw new IllegalArgumentException(
                        "hiddenSize must be set to a positive width, found " + hiddenSize);
            }
            if (gate == null) {
                throw new IllegalArgumentException("gate must be one of SIMILARITY, LEARNED, NONE");
            }
            return new InjectionBranchBlock(this);
        }
    }
}
