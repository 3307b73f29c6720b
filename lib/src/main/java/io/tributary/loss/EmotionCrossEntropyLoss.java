package io.tributary.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import io.tributary.tensors.Scalars;

/**
 * L_task for IEMOCAP: a two-class cross-entropy per emotion, averaged over samples and emotions,
 *
 * <pre>
 * L = -mean_{i,e} log softmax(o_ie)[y_ie]
 * </pre>
 *
 * with o (B, E, 2) the logits (E = 4 emotions) and y (B, E) the class indices, 0 or 1.
 */
public class EmotionCrossEntropyLoss extends Loss {

    private final float weight;

    /** The cross-entropy with weight 1. */
    public EmotionCrossEntropyLoss() {
        this("EmotionCrossEntropyLoss", 1f);
    }

    /**
     * @param name the name of the loss, as the training logs show it
     * @param weight multiplying the loss
     */
    public EmotionCrossEntropyLoss(String name, float weight) {
        super(name);
        this.weight = weight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.get(LossInputs.PREDICTION); // (B, E, 2)
        long classes = logits.getShape().get(2);
        NDArray logProbabilities = logits.logSoftmax(2); // (B, E, 2)
        NDArray target = labels.get(0).toType(DataType.INT64, false);
        NDArray oneHot = target.oneHot((int) classes, logits.getDataType()); // (B, E, 2)
        NDArray picked = logProbabilities.mul(oneHot).sum(new int[] {2}); // (B, E)
        return Scalars.mul(picked.mean(), -weight);
    }
}
