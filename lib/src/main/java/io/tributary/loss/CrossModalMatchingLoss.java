package io.tributary.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.tributary.tensors.Scalars;

/**
 * L_match: moves the batch statistics of each nonverbal vector towards those of the language
 * vector, which it does not move (DESIGN.md section 1):
 *
 * <pre>
 * L_match = sum_m mean_dims( (mu_B(z_m) - sg mu_B(z_l))^2 + (var_B(z_m) - sg var_B(z_l))^2 )
 * </pre>
 *
 * with m in {a, v}, mu_B the batch mean, var_B the unbiased batch variance (divided by B - 1) and
 * sg the stop-gradient. A batch of fewer than two samples has no variance: the loss is 0 there. The
 * inputs are read from the prediction list as {@link LossInputs} says; labels are not used.
 */
public class CrossModalMatchingLoss extends Loss {

    private final float weight;

    /** L_match with weight 1. */
    public CrossModalMatchingLoss() {
        this("CrossModalMatchingLoss", 1f);
    }

    /**
     * @param name the name of the loss, as the training logs show it
     * @param weight lambda_match, multiplying the loss
     */
    public CrossModalMatchingLoss(String name, float weight) {
        super(name);
        this.weight = weight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray zl = LossInputs.language(predictions).stopGradient(); // (B, d)
        long batch = zl.getShape().get(0);
        if (batch < 2) {
            return LossInputs.zero(zl);
        }
        NDArray muL = zl.mean(new int[] {0}); // (d)
        NDArray varL = variance(zl, muL); // (d)
        NDArray loss = LossInputs.zero(zl);
        for (NDArray zm : LossInputs.modalities(predictions)) {
            NDArray mu = zm.mean(new int[] {0}); // (d)
            NDArray var = variance(zm, mu); // (d)
            NDArray meanGap = mu.sub(muL).square(); // (d)
            NDArray varianceGap = var.sub(varL).square(); // (d)
            loss = loss.add(meanGap.add(varianceGap).mean());
        }
        return Scalars.mul(loss, weight);
    }

    /** The unbiased variance over the batch axis: sum_i (z_i - mu)^2 / (B - 1). */
    private static NDArray variance(NDArray z, NDArray mu) {
        long batch = z.getShape().get(0);
        return Scalars.div(z.sub(mu).square().sum(new int[] {0}), batch - 1);
    }
}
