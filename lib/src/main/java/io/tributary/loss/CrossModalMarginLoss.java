package io.tributary.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.tributary.tensors.Scalars;

/**
 * L_margin: each sample's nonverbal vector should be closer, in cosine, to its own language vector
 * than the mean of the other samples' nonverbal vectors is, by a margin gamma (DESIGN.md section
 * 1):
 *
 * <pre>
 * L_margin = sum_m mean_i max(0, gamma - cos(sg z_l^i, z_m^i) + cos(sg z_l^i, mean_{j != i} z_m^j))
 * </pre>
 *
 * with m in {a, v} and sg the stop-gradient. A batch of fewer than two samples has no other sample:
 * the loss is 0 there. The inputs are read from the prediction list as {@link LossInputs} says;
 * labels are not used.
 */
public class CrossModalMarginLoss extends Loss {

    /** The default margin gamma. */
    public static final float DEFAULT_GAMMA = 0.2f;

    private final float weight;
    private final float gamma;

    /** L_margin with weight 1 and gamma 0.2. */
    public CrossModalMarginLoss() {
        this("CrossModalMarginLoss", 1f, DEFAULT_GAMMA);
    }

    /**
     * @param name the name of the loss, as the training logs show it
     * @param weight lambda_margin, multiplying the loss
     * @param gamma the margin
     */
    public CrossModalMarginLoss(String name, float weight, float gamma) {
        super(name);
        this.weight = weight;
        this.gamma = gamma;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray zl = LossInputs.language(predictions).stopGradient(); // (B, d)
        long batch = zl.getShape().get(0);
        if (batch < 2) {
            return LossInputs.zero(zl);
        }
        NDArray loss = LossInputs.zero(zl);
        for (NDArray zm : LossInputs.modalities(predictions)) {
            NDArray others = Scalars.div(zm.sum(new int[] {0}, true).sub(zm), batch - 1); // (B, d)
            NDArray positive = Similarity.cosine(zl, zm); // (B)
            NDArray negative = Similarity.cosine(zl, others); // (B)
            NDArray hinge = Scalars.maximum(negative.sub(positive).add(gamma), 0); // (B)
            loss = loss.add(hinge.mean());
        }
        return Scalars.mul(loss, weight);
    }
}
