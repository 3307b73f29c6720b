package io.tributary.mmmie;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * MMMIE's identity embedding (DESIGN.md section 3): a learned vector e_m per modality, and in
 * sequence mode a learned position embedding p_m,k per modality, added to that modality's tokens
 * before the fusion encoder, which then tells the modalities (and steps) apart:
 *
 * <pre>
 *   z_m,k = u_m,k + e_m (+ p_m,k)        m in (t, a, v);   Z = [z_t; z_a; z_v]
 * </pre>
 *
 * Inputs {@code [U_t (B, T_t, d'), U_a (B, T_a, d'), U_v (B, T_v, d')]} (T_m = 1 in vector mode);
 * output {@code [Z (B, T_t + T_a + T_v, d')]}. Parameters {@code modality} (3, d') holding e_t,
 * e_a, e_v, and with positions {@code position_t}, {@code position_a}, {@code position_v} (T_m,
 * d'), as long as the sequences the block was initialised for; a batch may be shorter. All start
 * normal with std 0.02, as BERT's position embeddings do. A block built for fewer modalities
 * ({@link Builder#optModalities}) takes their tokens alone, in the same order, and has a row of
 * {@code modality} and a position embedding for each of them only.
 */
public final class IdentityEmbeddingBlock extends AbstractBlock {

    /** The modalities, in the order of the inputs and of {@code modality}'s rows. */
    public static final List<String> MODALITIES = List.of("t", "a", "v");

    private final long units;
    private final List<String> modalities;
    private final Parameter modality;
    private final List<Parameter> positions = new ArrayList<>();

    private IdentityEmbeddingBlock(Builder builder) {
        units = builder.units;
        modalities = builder.modalities;
        modality = addParameter(embedding("modality", new Shape(modalities.size(), units)));
        if (builder.positions) {
            for (String m : modalities) {
                positions.add(addParameter(embedding("position_" + m, null)));
            }
        }
    }

    private static Parameter embedding(String name, Shape shape) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(shape)
                .optInitializer(new NormalInitializer(0.02f))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void prepare(Shape[] inputs) {
        for (int m = 0; m < positions.size(); m++) {
            positions.get(m).setShape(new Shape(inputs[m].get(1), units));
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray e = ps.getValue(modality, inputs.head().getDevice(), training); // (M, d')
        NDList embedded = new NDList();
        for (int m = 0; m < modalities.size(); m++) {
            NDArray u = inputs.get(m); // (B, T_m, d')
            NDArray z = u.add(e.get(m)); // (B, T_m, d')
            if (!positions.isEmpty()) {
                z = z.add(positions(ps, m, u, training)); // (B, T_m, d')
            }
            embedded.add(z);
        }
        return new NDList(NDArrays.concat(embedded, 1));
    }

    /** p_m,k for the T_m steps of u: (T_m, d'). */
    private NDArray positions(ParameterStore ps, int m, NDArray u, boolean training) {
        long length = u.getShape().get(1);
        Parameter parameter = positions.get(m);
        long available = parameter.getShape().get(0);
        if (length > available) {
            throw new IllegalArgumentException(
                    "sequence length of modality "
                            + modalities.get(m)
                            + ": expected at most "
                            + available
                            + " (the position embedding's length), found "
                            + length);
        }
        NDArray p = ps.getValue(parameter, u.getDevice(), training); // (T, d')
        return p.get(":" + length); // (length, d')
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        long tokens = 0;
        for (Shape u : inputs) {
            tokens += u.get(1);
        }
        return new Shape[] {new Shape(inputs[0].get(0), tokens, units)};
    }

    /** Sets d' and whether position embeddings are added. */
    public static final class Builder {

        private long units = -1;
        private boolean positions;
        private List<String> modalities = MODALITIES;

        private Builder() {}

        /** d', the width of the tokens. */
        public Builder setUnits(long units) {
            this.units = units;
            return this;
        }

        /** Whether p_m,k is added (sequence mode); default false. */
        public Builder optPositions(boolean positions) {
            this.positions = positions;
            return this;
        }

        /** The modalities whose tokens the block takes, in order; default t, a, v. */
        public Builder optModalities(List<String> modalities) {
            this.modalities = List.copyOf(modalities);
            return this;
        }

        public IdentityEmbeddingBlock build() {
            if (units <= 0) {
                throw new IllegalArgumentException("units must be positive, found " + units);
            }
            if (modalities.isEmpty() || !MODALITIES.containsAll(modalities)) {
                throw new IllegalArgumentException(
                        "modalities must be some of " + MODALITIES + ", found " + modalities);
            }
            return new IdentityEmbeddingBlock(this);
        }
    }
}
