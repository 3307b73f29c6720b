package io.tributary.inject;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import com.google.gson.annotations.SerializedName;
import io.tributary.loss.Similarity;

/**
 * The gate g that scales the injected X, one of three kinds (DESIGN.md section 1):
 *
 * <pre>
 * similarity: g_t = sigmoid(w cos(h_t, x_t) + b)       w, b learned scalars from 1 and 0
 * learned:    g_t = sigmoid(W_g [h_t; x_t] + b_g)      a vector gate of width d
 * none:       g_t = 1
 * </pre>
 *
 * Inputs {@code [H (B, T, d), X (B, T, d)]}; output {@code [g]}, (B, T, 1) for a scalar gate and
 * (B, T, d) for the vector gate, so that g ⊙ X broadcasts. Parameters: {@code w} and {@code b} (the
 * reference transcription's names), or the child {@code Wg}; none for {@code none}. These, {@link
 * #getParameters()}, are what learns at {@code gate_lr}. {@code w} is typed {@code GAMMA} and
 * {@code b} {@code BIAS}, so an initializer set for {@code WEIGHT} leaves them at 1 and 0.
 */
public final class GateBlock extends AbstractBlock {

    /** Which gate; {@code gate} in {@link InjectionConfig}. */
    public enum Kind {
        @SerializedName("similarity")
        SIMILARITY,
        @SerializedName("learned")
        LEARNED,
        @SerializedName("none")
        NONE
    }

    private final Kind kind;
    private final Parameter w;
    private final Parameter b;
    private final Linear wg;

    /**
     * @param kind which gate
     * @param hiddenSize d, the width of the vector gate (used by {@code LEARNED} only)
     */
    public GateBlock(Kind kind, long hiddenSize) {
        this.kind = kind;
        boolean similarity = kind == Kind.SIMILARITY;
        w = similarity ? addParameter(scalar("w", Parameter.Type.GAMMA, Initializer.ONES)) : null;
        b = similarity ? addParameter(scalar("b", Parameter.Type.BIAS, Initializer.ZEROS)) : null;
        wg =
                kind == Kind.LEARNED
                        ? addChildBlock("Wg", Linear.builder().setUnits(hiddenSize).build())
                        : null;
    }

    private static Parameter scalar(String name, Parameter.Type type, Initializer initializer) {
        return Parameter.builder()
                .setName(name)
                .setType(type)
                .optShape(new Shape(1))
                .optInitializer(initializer)
                .build();
    }

    public Kind kind() {
        return kind;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.get(0); // (B, T, d)
        NDArray x = inputs.get(1); // (B, T, d)
        return new NDList(
                switch (kind) {
                    case SIMILARITY -> similarity(ps, h, x, training); // (B, T, 1)
                    case LEARNED -> learned(ps, h, x, training); // (B, T, d)
                    case NONE -> ones(h); // (B, T, 1)
                });
    }

    private static NDArray ones(NDArray h) {
        Shape shape = new Shape(h.getShape().get(0), h.getShape().get(1), 1);
        return h.getManager().ones(shape, h.getDataType(), h.getDevice());
    }

    private NDArray similarity(ParameterStore ps, NDArray h, NDArray x, boolean training) {
        NDArray weight = ps.getValue(w, h.getDevice(), training); // (1)
        NDArray bias = ps.getValue(b, h.getDevice(), training); // (1)
        NDArray cos = Similarity.cosine(h, x).expandDims(-1); // (B, T, 1)
        return Activation.sigmoid(cos.mul(weight).add(bias)); // (B, T, 1)
    }

    private NDArray learned(ParameterStore ps, NDArray h, NDArray x, boolean training) {
        NDArray hx = NDArrays.concat(new NDList(h, x), -1); // (B, T, 2d)
        NDArray z = wg.forward(ps, new NDList(hx), training).head(); // (B, T, d)
        return Activation.sigmoid(z); // (B, T, d)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        if (wg != null) {
            Shape h = inputs[0];
            wg.initialize(manager, dataType, new Shape(h.get(0), h.get(1), 2 * h.get(2)));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape h = inputs[0];
        return new Shape[] {kind == Kind.LEARNED ? h : new Shape(h.get(0), h.get(1), 1)};
    }
}
