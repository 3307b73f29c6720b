package io.tributary.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import com.google.gson.annotations.SerializedName;
import io.tributary.tensors.Scalars;

/**
 * L_task for sentiment regression, the field's L1 or, as a choice, the mean squared error:
 *
 * <pre>
 * L1:  L = mean_i |ŷ_i - y_i|
 * MSE: L = mean_i (ŷ_i - y_i)^2
 * </pre>
 *
 * DJL's {@code L1Loss} and {@code L2Loss} are not used: they require a prediction list of one array
 * (ours carries z_l, z_a, z_v beside ŷ, see {@link LossInputs}), and {@code L2Loss} halves the
 * squared error.
 */
public class RegressionLoss extends Loss {

    /** Which distance between prediction and label; {@code task_loss} in the configs. */
    public enum Kind {
        @SerializedName("l1")
        L1,
        @SerializedName("mse")
        MSE
    }

    private final Kind kind;
    private final float weight;

    /** The L1 loss with weight 1. */
    public RegressionLoss() {
        this("RegressionLoss", Kind.L1, 1f);
    }

    /**
     * @param name the name of the loss, as the training logs show it
     * @param kind L1 or MSE
     * @param weight multiplying the loss
     */
    public RegressionLoss(String name, Kind kind, float weight) {
        super(name);
        this.kind = kind;
        this.weight = weight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray prediction = predictions.get(LossInputs.PREDICTION); // (B) or (B, 1)
        NDArray label = labels.get(0).reshape(prediction.getShape()); // like ŷ
        NDArray difference = prediction.sub(label);
        NDArray distance = kind == Kind.L1 ? difference.abs() : difference.square();
        return Scalars.mul(distance.mean(), weight);
    }
}
