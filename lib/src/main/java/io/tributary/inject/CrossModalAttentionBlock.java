package io.tributary.inject;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tributary.tensors.Scalars;

/**
 * Additive (Bahdanau-style) cross-modal attention of token states over nonverbal keys (DESIGN.md
 * section 1):
 *
 * <pre>
 * e_tj = u^T tanh(W_q h_t + W_k m_j + b)      W_q, W_k: d -> d_att; u: d_att -> 1
 * a_tj = softmax_j(e_tj)                      over the keys the mask keeps
 * c_t  = sum_j a_tj (W_v m_j + b_v)
 * </pre>
 *
 * W_q and u have no bias; b is W_k's bias. Inputs {@code [H (B, T, d), M (B, J, d)]} and optionally
 * a key mask {@code (B, J)}, 1 for a present key and 0 for a missing or padded one; a row whose
 * keys are all masked gets zero weights and c_t = 0. Outputs {@code [c (B, T, d), a (B, T, J)]}.
 * Children {@code Wq, Wk, u, Wv} are named as the reference transcription names them. The score
 * tensor is (B, T, J, d_att); {@link ScoreMemory} estimates what it costs.
 */
public final class CrossModalAttentionBlock extends AbstractBlock {

    private final Linear wq;
    private final Linear wk;
    private final Linear u;
    private final Linear wv;
    private final long attentionDim;

    private CrossModalAttentionBlock(Builder builder) {
        attentionDim = builder.attentionDim;
        wq = addChildBlock("Wq", linear(builder.attentionDim, false));
        wk = addChildBlock("Wk", linear(builder.attentionDim, true));
        u = addChildBlock("u", linear(1, false));
        wv = addChildBlock("Wv", linear(builder.hiddenSize, true));
    }

    private static Linear linear(long units, boolean bias) {
        return Linear.builder().setUnits(units).optBias(bias).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.get(0); // (B, T, d)
        NDArray m = inputs.get(1); // (B, J, d)
        NDArray q = wq.forward(ps, new NDList(h), training).head(); // (B, T, d_att)
        NDArray k = wk.forward(ps, new NDList(m), training).head(); // (B, J, d_att)
        NDArray s = q.expandDims(2).add(k.expandDims(1)); // (B, T, J, d_att)
        s = s.tanh(); // (B, T, J, d_att)
        NDArray e = u.forward(ps, new NDList(s), training).head(); // (B, T, J, 1)
        e = e.squeeze(-1); // (B, T, J)
        NDArray keep = keyMask(inputs, e); // (B, 1, J)
        NDArray masked =
                e.add(Scalars.mul(keep.sub(1f), Float.MAX_VALUE)); // (B, T, J), -max if masked
        NDArray a = masked.softmax(-1).mul(keep); // (B, T, J)
        NDArray v = wv.forward(ps, new NDList(m), training).head(); // (B, J, d)
        NDArray c = a.matMul(v); // (B, T, d)
        return new NDList(c, a);
    }

    /** The key mask of the inputs as (B, 1, J) in the scores' type, or ones when none is given. */
    private static NDArray keyMask(NDList inputs, NDArray scores) {
        Shape shape = scores.getShape();
        if (inputs.size() < 3) {
            return scores.getManager()
                    .ones(
                            new Shape(shape.get(0), 1, shape.get(2)),
                            scores.getDataType(),
                            scores.getDevice());
        }
        return inputs.get(2).toType(scores.getDataType(), false).expandDims(1);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape h = inputs[0];
        Shape m = inputs[1];
        wq.initialize(manager, dataType, h);
        wk.initialize(manager, dataType, m);
        u.initialize(manager, dataType, new Shape(h.get(0), h.get(1), m.get(1), attentionDim));
        wv.initialize(manager, dataType, m);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape h = inputs[0];
        return new Shape[] {h, new Shape(h.get(0), h.get(1), inputs[1].get(1))};
    }

    /** Sets d (the width of H and M, and of c) and d_att. */
    public static final class Builder {

        private long hiddenSize = -1;
        private long attentionDim = 128;

        private Builder() {}

        /** d: the width of the token states and keys, and of the output c. */
        public Builder setHiddenSize(long hiddenSize) {
            this.hiddenSize = hiddenSize;
            return this;
        }

        /** d_att, the width of the additive score; default 128. */
        public Builder optAttentionDim(long attentionDim) {
            this.attentionDim = attentionDim;
            return this;
        }

        public CrossModalAttentionBlock build() {
            if (hiddenSize <= 0) {
                throw new IllegalArgumentException(
                        "hiddenSize must be set to a positive width, found " + hiddenSize);
            }
            if (attentionDim <= 0) {
                throw new IllegalArgumentException(
                        "attentionDim must be positive, found " + attentionDim);
            }
            return new CrossModalAttentionBlock(this);
        }
    }
}
