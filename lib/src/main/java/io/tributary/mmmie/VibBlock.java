package io.tributary.mmmie;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tributary.nn.Masked;
import io.tributary.tensors.Scalars;

/**
 * The heads from a modality's encoding r_m to its feature u_m, with the variational information
 * bottleneck (DESIGN.md section 3):
 *
 * <pre>
 *   mu    = W_mu r + b_mu,   rho = W_rho r + b_rho
 *   sigma = softplus(rho - 5)
 *   u     = mu + sigma ⊙ eps,  eps ~ N(0, I)       in training;   u = mu in evaluation
 *   KL    = 0.5 mean(mu^2 + sigma^2 - 2 log sigma - 1)
 * </pre>
 *
 * the mean taken over samples (valid steps, for sequences) and the d' dimensions. Not variational
 * (the CLUB minimiser, or none), the block is the {@code mu} head alone and u = mu.
 *
 * <p>Inputs {@code [r (B, n)]} or {@code [r (B, T, n), mask (B, T)]}; outputs {@code [u, KL ()]}
 * when variational, {@code [u]} otherwise, u of r's shape with n replaced by d'. Children {@code
 * mu} and {@code rho}.
 */
public final class VibBlock extends AbstractBlock {

    /** The shift of rho inside the softplus: a new head starts with sigma near 0.0067. */
    public static final float RHO_SHIFT = 5f;

    private final Linear mu;
    private final Linear rho;

    private VibBlock(Builder builder) {
        mu = addChildBlock("mu", Linear.builder().setUnits(builder.units).build());
        rho =
                builder.variational
                        ? addChildBlock("rho", Linear.builder().setUnits(builder.units).build())
                        : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether the block samples u and returns its KL term. */
    public boolean variational() {
        return rho != null;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray r = inputs.get(0); // (B, n) or (B, T, n)
        NDArray m = mu.forward(ps, new NDList(r), training).head(); // (B, d') or (B, T, d')
        if (rho == null) {
            return new NDList(m);
        }
        NDArray p = rho.forward(ps, new NDList(r), training).head(); // like mu
        NDArray sigma = Activation.softPlus(p.sub(RHO_SHIFT)); // like mu
        NDArray u =
                training
                        ? m.add(
                                sigma.mul(
                                        m.getManager()
                                                .randomNormal(
                                                        0f, 1f, m.getShape(), DataType.FLOAT32)))
                        : m;
        NDArray mask = inputs.size() > 1 ? inputs.get(1) : null; // (B, T)
        return new NDList(u, klDivergence(m, sigma, mask));
    }

    /**
     * KL(N(mu, sigma^2) || N(0, I)) = 0.5 mean(mu^2 + sigma^2 - 2 log sigma - 1), over the valid
     * steps of a (B, T) {@code mask} when mu is (B, T, d'), over all of mu when the mask is null.
     */
    public static NDArray klDivergence(NDArray mu, NDArray sigma, NDArray mask) {
        NDArray term = mu.square().add(sigma.square()).sub(Scalars.mul(sigma.log(), 2)).sub(1f);
        if (mask == null) {
            return Scalars.mul(term.mean(), 0.5); // ()
        }
        NDArray keep = Masked.asFloat(mask).expandDims(2); // (B, T, 1)
        NDArray sum = term.mul(keep).sum(); // ()
        NDArray count = Scalars.mul(keep.sum(), mu.getShape().get(2)); // ()
        return Scalars.mul(sum.div(count), 0.5); // ()
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        mu.initialize(manager, dataType, inputs[0]);
        if (rho != null) {
            rho.initialize(manager, dataType, inputs[0]);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape u = mu.getOutputShapes(new Shape[] {inputs[0]})[0];
        return rho == null ? new Shape[] {u} : new Shape[] {u, new Shape()};
    }

    /** Sets d' and whether the block is variational. */
    public static final class Builder {

        private long units = -1;
        private boolean variational = true;

        private Builder() {}

        /** d', the width of u. */
        public Builder setUnits(long units) {
            this.units = units;
            return this;
        }

        /** Whether u is sampled and KL returned (default true); false leaves the mu head alone. */
        public Builder optVariational(boolean variational) {
            this.variational = variational;
            return this;
        }

        public VibBlock build() {
            if (units <= 0) {
                throw new IllegalArgumentException("units must be positive, found " + units);
            }
            return new VibBlock(this);
        }
    }
}
