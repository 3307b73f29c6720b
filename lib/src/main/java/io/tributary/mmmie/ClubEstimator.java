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
import io.tributary.tensors.Scalars;

/**
 * The CLUB upper bound of I(x; u) for one modality (DESIGN.md section 3, minimiser {@code club}),
 * with its variational conditional
 *
 * <pre>
 *   q(u | x) = N(q_mu(x), diag(exp(q_logvar(x))))     q_mu, q_logvar: Linear(d') - ReLU - Linear(d')
 *   fit:     maximise  mean_i log q(u_i | x_i)                       on detached pairs, q alone
 *   L_min =  mean_i log q(u_i | x_i) - mean_{i,j} log q(u_j | x_i)   q held fixed, trains u
 * </pre>
 *
 * where x is the mean of the modality's valid input frames (for text, sg(r_t)) and u the modality's
 * feature. Inputs {@code [x (B, n)]}; outputs {@code [q_mu (B, d'), q_logvar (B, d')]}. Children
 * {@code q_mu.0}, {@code q_mu.2}, {@code q_logvar.0}, {@code q_logvar.2} (the Linears' positions in
 * a PyTorch {@code Sequential(Linear, ReLU, Linear)}).
 *
 * <p><b>Contract with the trainer.</b> q is not trained by the model's objective: {@link
 * #bound(NDArray, NDArray)} detaches q's outputs, so L_min sends no gradient into q, and q's
 * parameters must be left out of the model's optimizer (in {@link MmmieModel} they are all named
 * {@code club.*}). Before each model step, q takes one step of its own Adam (learning rate {@code
 * club_learning_rate}, 1e-3) on {@link #fitLoss(NDArray, NDArray)} of the batch's pairs; {@link
 * MmmieLoss} says how one forward pass serves both steps.
 */
public final class ClubEstimator extends AbstractBlock {

    private static final float LOG_2PI = (float) Math.log(2 * Math.PI);

    private final Linear muHidden;
    private final Linear muOut;
    private final Linear logvarHidden;
    private final Linear logvarOut;

    /**
     * @param units d', the width of u and of q's hidden layers
     */
    public ClubEstimator(long units) {
        if (units <= 0) {
            throw new IllegalArgumentException("units must be positive, found " + units);
        }
        muHidden = addChildBlock("q_mu.0", linear(units));
        muOut = addChildBlock("q_mu.2", linear(units));
        logvarHidden = addChildBlock("q_logvar.0", linear(units));
        logvarOut = addChildBlock("q_logvar.2", linear(units));
    }

    private static Linear linear(long units) {
        return Linear.builder().setUnits(units).build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = new NDList(inputs.head()); // (B, n)
        NDArray mu = muHidden.forward(ps, x, training).head(); // (B, d')
        mu = muOut.forward(ps, new NDList(Activation.relu(mu)), training).head(); // (B, d')
        NDArray logvar = logvarHidden.forward(ps, x, training).head(); // (B, d')
        logvar = logvarOut.forward(ps, new NDList(Activation.relu(logvar)), training).head();
        return new NDList(mu, logvar); // (B, d') each
    }

    /**
     * q's own objective, -mean_i log q(u_i | x_i), on detached pairs: its gradient reaches q's
     * parameters only.
     */
    public NDArray fitLoss(NDArray x, NDArray u) {
        NDList q = conditional(x.stopGradient(), true);
        return logDensity(q.get(0), q.get(1), u.stopGradient()).mean().neg(); // ()
    }

    /**
     * L_min = mean_i log q(u_i | x_i) - mean_{i,j} log q(u_j | x_i) with q held fixed: the gradient
     * reaches u only.
     */
    public NDArray bound(NDArray x, NDArray u) {
        NDList q = conditional(x, false);
        NDArray mu = q.get(0).stopGradient(); // (B, d')
        NDArray logvar = q.get(1).stopGradient(); // (B, d')
        NDArray positive = logDensity(mu, logvar, u).mean(); // ()
        NDArray all = logDensity(mu.expandDims(1), logvar.expandDims(1), u.expandDims(0)); // (B, B)
        return positive.sub(all.mean()); // ()
    }

    private NDList conditional(NDArray x, boolean training) {
        return forward(new ParameterStore(x.getManager(), false), new NDList(x), training);
    }

    /**
     * log N(u; mu, diag(exp(logvar))) = -0.5 sum_k ((u_k - mu_k)^2 / exp(logvar_k) + logvar_k + log
     * 2 pi), over the last axis, the others broadcast.
     */
    public static NDArray logDensity(NDArray mu, NDArray logvar, NDArray u) {
        NDArray squared = u.sub(mu).square().mul(logvar.neg().exp()); // broadcast (..., d')
        return Scalars.mul(squared.add(logvar).add(LOG_2PI).sum(new int[] {-1}), -0.5); // (...)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape x = inputs[0];
        muHidden.initialize(manager, dataType, x);
        logvarHidden.initialize(manager, dataType, x);
        Shape hidden = muHidden.getOutputShapes(new Shape[] {x})[0];
        muOut.initialize(manager, dataType, hidden);
        logvarOut.initialize(manager, dataType, hidden);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape u = muOut.getOutputShapes(muHidden.getOutputShapes(inputs))[0];
        return new Shape[] {u, u};
    }
}
