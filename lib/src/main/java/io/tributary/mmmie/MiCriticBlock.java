package io.tributary.mmmie;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import com.google.gson.annotations.SerializedName;
import io.tributary.loss.Similarity;
import io.tributary.tensors.Scalars;

/**
 * The critic of one modality pair's InfoNCE bound (DESIGN.md section 3): the score of every x_i
 * against every y_j of the batch,
 *
 * <pre>
 *   projected-cosine:  S_ij = cos(P x_i, Q y_j) / tau      P, Q: Linear(d', d')
 *   bilinear:          S_ij = x_i^T W y_j                  W: (d', d')
 * </pre>
 *
 * so that the diagonal holds the positive pairs and the rest of each row and column the batch's
 * negatives. Inputs {@code [X (B, d'), Y (B, d')]}; output {@code [S (B, B)]}. Children {@code P}
 * and {@code Q}, or the parameter {@code W}.
 */
public final class MiCriticBlock extends AbstractBlock {

    /** Which score function; {@code critic} in {@link MmmieConfig}. */
    public enum Kind {
        @SerializedName("projected-cosine")
        PROJECTED_COSINE,
        @SerializedName("bilinear")
        BILINEAR
    }

    private final Kind kind;
    private final float temperature;
    private final Linear p;
    private final Linear q;
    private final Parameter w;

    private MiCriticBlock(Builder builder) {
        kind = builder.kind;
        temperature = builder.temperature;
        boolean projected = kind == Kind.PROJECTED_COSINE;
        p = projected ? addChildBlock("P", linear(builder.units)) : null;
        q = projected ? addChildBlock("Q", linear(builder.units)) : null;
        w =
                projected
                        ? null
                        : addParameter(
                                Parameter.builder()
                                        .setName("W")
                                        .setType(Parameter.Type.WEIGHT)
                                        .optShape(new Shape(builder.units, builder.units))
                                        .build());
    }

    private static Linear linear(long units) {
        return Linear.builder().setUnits(units).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Kind kind() {
        return kind;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0); // (B, d')
        NDArray y = inputs.get(1); // (B, d')
        if (kind == Kind.BILINEAR) {
            NDArray weight = ps.getValue(w, x.getDevice(), training); // (d', d')
            return new NDList(x.matMul(weight).matMul(y.transpose())); // (B, B)
        }
        NDArray px = Similarity.unit(p.forward(ps, new NDList(x), training).head()); // (B, d')
        NDArray qy = Similarity.unit(q.forward(ps, new NDList(y), training).head()); // (B, d')
        return new NDList(Scalars.div(px.matMul(qy.transpose()), temperature)); // (B, B)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        if (p != null) {
            p.initialize(manager, dataType, inputs[0]);
            q.initialize(manager, dataType, inputs[1]);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        long b = inputs[0].get(0);
        return new Shape[] {new Shape(b, b)};
    }

    /** Sets d' and, optionally, the kind and tau. */
    public static final class Builder {

        private long units = -1;
        private Kind kind = Kind.PROJECTED_COSINE;
        private float temperature = 0.1f;

        private Builder() {}

        /** d', the width of x, y and the projections. */
        public Builder setUnits(long units) {
            this.units = units;
            return this;
        }

        /** The score function; default projected-cosine. */
        public Builder optKind(Kind kind) {
            this.kind = kind;
            return this;
        }

        /** tau, dividing the projected cosine; default 0.1. */
        public Builder optTemperature(float temperature) {
            this.temperature = temperature;
            return this;
        }

        public MiCriticBlock build() {
            if (units <= 0) {
                throw new IllegalArgumentException("units must be positive, found " + units);
            }
            if (!(temperature > 0)) {
                throw new IllegalArgumentException(
                        "temperature must be positive, found " + temperature);
            }
            return new MiCriticBlock(this);
        }
    }
}
