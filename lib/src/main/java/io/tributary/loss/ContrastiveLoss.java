package io.tributary.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.tributary.tensors.Scalars;

/**
 * The contrastive alternative to L_match and L_margin (DESIGN.md section 1, {@code "contrastive"}):
 *
 * <pre>
 * L_contrastive = sum_m InfoNCE(s),   s_ij = cos(z_l^i, z_m^j) / tau
 * InfoNCE(s) = ( -mean_i log softmax_j(s)_ii - mean_j log softmax_i(s)_jj ) / 2
 * </pre>
 *
 * with m in {a, v}: the cross-entropy of the diagonal over rows and over columns, averaged. No
 * stop-gradient: contrastive learning moves both sides. A batch of fewer than two samples has no
 * negatives: the loss is 0 there. The inputs are read from the prediction list as {@link
 * LossInputs} says; labels are not used.
 */
public class ContrastiveLoss extends Loss {

    /** The default temperature tau. */
    public static final float DEFAULT_TEMPERATURE = 0.1f;

    private final float weight;
    private final float temperature;

    /** The contrastive loss with weight 1 and temperature 0.1. */
    public ContrastiveLoss() {
        this("ContrastiveLoss", 1f, DEFAULT_TEMPERATURE);
    }

    /**
     * @param name the name of the loss, as the training logs show it
     * @param weight lambda_contrastive, multiplying the loss
     * @param temperature tau, dividing the cosine scores
     */
    public ContrastiveLoss(String name, float weight, float temperature) {
        super(name);
        this.weight = weight;
        this.temperature = temperature;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray zl = LossInputs.language(predictions); // (B, d)
        if (zl.getShape().get(0) < 2) {
            return LossInputs.zero(zl);
        }
        NDArray language = Similarity.unit(zl); // (B, d)
        NDArray loss = LossInputs.zero(zl);
        for (NDArray zm : LossInputs.modalities(predictions)) {
            NDArray scores = language.matMul(Similarity.unit(zm).transpose()); // (B, B)
            loss = loss.add(infoNce(Scalars.div(scores, temperature)));
        }
        return Scalars.mul(loss, weight);
    }

    /**
     * InfoNCE of a (B, B) score matrix whose diagonal holds the positive pairs: the cross-entropy
     * of the diagonal over rows and over columns, averaged. MMMIE's critics share it.
     */
    public static NDArray infoNce(NDArray scores) {
        int batch = Math.toIntExact(scores.getShape().get(0));
        NDArray diagonal =
                scores.getManager()
                        .eye(batch, batch, 0, scores.getDataType(), scores.getDevice()); // (B, B)
        NDArray rows = scores.logSoftmax(1).mul(diagonal).sum(new int[] {1}).mean(); // ()
        NDArray columns = scores.logSoftmax(0).mul(diagonal).sum(new int[] {0}).mean(); // ()
        return Scalars.div(rows.add(columns), -2);
    }
}
