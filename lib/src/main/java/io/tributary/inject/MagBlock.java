package io.tributary.inject;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tributary.nn.Modalities;
import io.tributary.tensors.Scalars;

/**
 * The Multimodal Adaptation Gate of MAG-BERT (Rahman et al., ACL 2020; DESIGN.md section 2), which
 * shifts each word embedding e by a nonverbal displacement h:
 *
 * <pre>
 * g_v   = ReLU(W_hv [v; e]),   g_a = ReLU(W_ha [a; e])
 * h     = g_v ⊙ (W_v v) + g_a ⊙ (W_a a)
 * alpha = min(||e||_2 / (||h||_2 + 1e-6) * beta_shift, 1)     per token; ||h|| = 0 counts as 1
 * out   = Dropout(LayerNorm(e + alpha h))                      LayerNorm eps 1e-5
 * </pre>
 *
 * Inputs {@code [e (B, T, d), v (B, T, d_v), a (B, T, d_a)]} (word-aligned visual and acoustic
 * features); output {@code [out (B, T, d)]}. Children {@code W_hv, W_ha, W_v, W_a, LayerNorm} are
 * named as in MAG-BERT's code. A block built without a modality ({@link Builder#optModalities}) has
 * neither its gate nor its projection, and its term is absent from h: its input keeps its place in
 * the list and is not read.
 */
public final class MagBlock extends AbstractBlock {

    private static final float NORM_EPSILON = 1e-6f;

    private final Linear wHv;
    private final Linear wHa;
    private final Linear wV;
    private final Linear wA;
    private final LayerNorm layerNorm;
    private final float betaShift;
    private final float dropout;

    private MagBlock(Builder builder) {
        long d = builder.hiddenSize;
        boolean visual = builder.modalities.visual();
        boolean acoustic = builder.modalities.acoustic();
        wHv = visual ? addChildBlock("W_hv", Linear.builder().setUnits(d).build()) : null;
        wHa = acoustic ? addChildBlock("W_ha", Linear.builder().setUnits(d).build()) : null;
        wV = visual ? addChildBlock("W_v", Linear.builder().setUnits(d).build()) : null;
        wA = acoustic ? addChildBlock("W_a", Linear.builder().setUnits(d).build()) : null;
        layerNorm =
                addChildBlock("LayerNorm", LayerNorm.builder().axis(2).optEpsilon(1e-5f).build());
        betaShift = builder.betaShift;
        dropout = builder.dropout;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray e = inputs.get(0); // (B, T, d)
        NDArray v = inputs.get(1); // (B, T, d_v)
        NDArray a = inputs.get(2); // (B, T, d_a)
        NDArray h = e.zerosLike(); // (B, T, d)
        if (wV != null) {
            NDArray ve = NDArrays.concat(new NDList(v, e), -1); // (B, T, d_v + d)
            NDArray gv = Activation.relu(linear(wHv, ps, ve, training)); // (B, T, d)
            h = h.add(gv.mul(linear(wV, ps, v, training))); // (B, T, d)
        }
        if (wA != null) {
            NDArray ae = NDArrays.concat(new NDList(a, e), -1); // (B, T, d_a + d)
            NDArray ga = Activation.relu(linear(wHa, ps, ae, training)); // (B, T, d)
            h = h.add(ga.mul(linear(wA, ps, a, training))); // (B, T, d)
        }
        NDArray eNorm = e.norm(new int[] {-1}); // (B, T)
        NDArray hNorm = h.norm(new int[] {-1}); // (B, T)
        hNorm = NDArrays.where(hNorm.eq(0f), hNorm.onesLike(), hNorm); // (B, T)
        NDArray threshold = Scalars.mul(eNorm.div(hNorm.add(NORM_EPSILON)), betaShift); // (B, T)
        NDArray alpha = Scalars.minimum(threshold, 1); // (B, T)
        NDArray shifted = e.add(alpha.expandDims(-1).mul(h)); // (B, T, d)
        NDArray out = layerNorm.forward(ps, new NDList(shifted), training).head(); // (B, T, d)
        return Dropout.dropout(out, dropout, training);
    }

    private static NDArray linear(Linear layer, ParameterStore ps, NDArray x, boolean training) {
        return layer.forward(ps, new NDList(x), training).head();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape e = inputs[0];
        Shape v = inputs[1];
        Shape a = inputs[2];
        if (wV != null) {
            wHv.initialize(manager, dataType, new Shape(v.get(0), v.get(1), v.get(2) + e.get(2)));
            wV.initialize(manager, dataType, v);
        }
        if (wA != null) {
            wHa.initialize(manager, dataType, new Shape(a.get(0), a.get(1), a.get(2) + e.get(2)));
            wA.initialize(manager, dataType, a);
        }
        layerNorm.initialize(manager, dataType, e);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }

    /** Sets d and, optionally, beta_shift and the dropout rate. */
    public static final class Builder {

        private long hiddenSize = -1;
        private float betaShift = 1f;
        private float dropout = 0.5f;
        private Modalities modalities = Modalities.ALL;

        private Builder() {}

        /** d: the width of the word embeddings and of the output. */
        public Builder setHiddenSize(long hiddenSize) {
            this.hiddenSize = hiddenSize;
            return this;
        }

        /** beta_shift, scaling how far the nonverbal shift may move an embedding; default 1. */
        public Builder optBetaShift(float betaShift) {
            this.betaShift = betaShift;
            return this;
        }

        /** The dropout rate after the LayerNorm, applied only in training; default 0.5. */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * The nonverbal streams whose terms make up h; default both. One is required: without
         * either, h = 0 and the block is LayerNorm and dropout alone.
         */
        public Builder optModalities(Modalities modalities) {
            this.modalities = modalities;
            return this;
        }

        public MagBlock build() {
            if (!modalities.nonverbal()) {
                throw new IllegalArgumentException(
                        "modalities must include acoustic or visual, found " + modalities);
            }
            if (hiddenSize <= 0) {
                throw new IllegalArgumentException(
                        "hiddenSize must be set to a positive width, found " + hiddenSize);
            }
            if (!(betaShift > 0) || Float.isInfinite(betaShift)) {
                throw new IllegalArgumentException(
                        "betaShift must be positive and finite, found " + betaShift);
            }
            if (dropout < 0 || dropout >= 1) {
                throw new IllegalArgumentException("dropout must be in [0, 1), found " + dropout);
            }
            return new MagBlock(this);
        }
    }
}
