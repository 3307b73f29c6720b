package io.tributary.mmmie;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tributary.bert.BertConfig;
import io.tributary.bert.BertEncoder;
import io.tributary.bert.BertModel;

/**
 * MMMIE's fusion encoder (DESIGN.md section 3): L post-LN Transformer layers over the modality
 * tokens Z with a padding mask,
 *
 * <pre>
 *   A   = LayerNorm(Z + Dropout(MultiHead(Z, Z, Z; mask)))       n heads, attention dropout
 *   Z'  = LayerNorm(A + Dropout(W_2 GELU(W_1 A + b_1) + b_2))     W_1: d' -> 2d'
 * </pre>
 *
 * with LayerNorm eps 1e-5. These are exactly the equations of a BERT layer, so the layers are
 * {@link io.tributary.bert.BertLayer}s of width d' (DJL's own {@code TransformerEncoderBlock}
 * normalises with BatchNorm and is not used). Inputs {@code [Z (B, N, d'), mask (B, N)]} with the
 * mask 1 for a token and 0 for padding; output {@code [Z' (B, N, d')]}. Child {@code encoder},
 * whose parameters are named as BERT's encoder's ({@code
 * encoder.layer.0.attention.self.query.weight}, ...).
 */
public final class FusionEncoderBlock extends AbstractBlock {

    /** LayerNorm's epsilon, PyTorch's default. */
    public static final float LAYER_NORM_EPS = 1e-5f;

    private final BertEncoder encoder;

    private FusionEncoderBlock(Builder builder) {
        encoder = addChildBlock("encoder", new BertEncoder(layerShape(builder)));
    }

    /** The layers' shape as a BERT config; the embedding fields are unused and left 0. */
    private static BertConfig layerShape(Builder builder) {
        return new BertConfig(
                0,
                builder.units,
                builder.layers,
                builder.heads,
                2 * builder.units,
                0,
                0,
                LAYER_NORM_EPS,
                builder.dropout,
                builder.dropout,
                0f);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = inputs.get(0); // (B, N, d')
        NDArray mask = BertModel.extendedMask(inputs.get(1)); // (B, 1, 1, N)
        return encoder.forward(ps, new NDList(z, mask), training); // (B, N, d')
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape z = inputs[0];
        encoder.initialize(manager, dataType, z, new Shape(z.get(0), 1, 1, z.get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }

    /** Sets d' and, optionally, the number of layers and heads and the dropout rate. */
    public static final class Builder {

        private int units = -1;
        private int layers = 2;
        private int heads = 4;
        private float dropout = 0.1f;

        private Builder() {}

        /** d', the width of the tokens. */
        public Builder setUnits(int units) {
            this.units = units;
            return this;
        }

        /** The number of layers; default 2. */
        public Builder optLayers(int layers) {
            this.layers = layers;
            return this;
        }

        /** The number of attention heads, dividing d'; default 4. */
        public Builder optHeads(int heads) {
            this.heads = heads;
            return this;
        }

        /** The dropout rate of the attention weights and both residual branches; default 0.1. */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        public FusionEncoderBlock build() {
            if (units <= 0 || layers <= 0 || heads <= 0) {
                throw new IllegalArgumentException(
                        "units, layers and heads must be positive, found "
                                + units
                                + ", "
                                + layers
                                + ", "
                                + heads);
            }
            if (units % heads != 0) {
                throw new IllegalArgumentException(
                        "units must be a multiple of heads, found " + units + " and " + heads);
            }
            if (dropout < 0 || dropout >= 1) {
                throw new IllegalArgumentException("dropout must be in [0, 1), found " + dropout);
            }
            return new FusionEncoderBlock(this);
        }
    }
}
