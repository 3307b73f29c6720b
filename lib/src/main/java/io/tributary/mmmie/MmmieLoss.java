package io.tributary.mmmie;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.tributary.core.Choices;
import io.tributary.loss.ContrastiveLoss;
import io.tributary.loss.EmotionCrossEntropyLoss;
import io.tributary.loss.RegressionLoss;
import io.tributary.tensors.Scalars;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MMMIE's objective (DESIGN.md section 3), read from {@link MmmieModel}'s named outputs:
 *
 * <pre>
 *   L     = L_task + alpha L_max + beta L_min
 *   L_max = sum_pairs NCE_mn,     NCE_mn = InfoNCE(S_mn),  MI estimate_mn = log B - NCE_mn
 *   L_min = sum_m KL_m                                   (VIB)
 *         = sum_m CLUB_m(x_m, u_m)                       (CLUB, q held fixed)
 * </pre>
 *
 * L_task is L1 (or MSE, {@code task_loss}) for regression, the per-emotion cross-entropy for
 * classification. {@link #terms} gives every term by name for the epoch records: {@code task},
 * {@code nce_ta}, {@code nce_tv}, {@code nce_av}, {@code mi_ta}, {@code mi_tv}, {@code mi_av} (with
 * MI maximisation), {@code min_t}, {@code min_a}, {@code min_v}, {@code min} (with a minimiser),
 * and {@code total} = L; {@link #evaluate} is L. The pairs and modalities are those the model reads
 * ({@code modalities}): a stream left out has no term.
 *
 * <p><b>A training step with CLUB</b> (q before the model, one forward pass and one gradient
 * collector for both, as the trainer's {@code MmmieObjective} does it):
 *
 * <ol>
 *   <li>forward the model in training mode, back-propagate {@link #clubFitLoss} (it detaches its
 *       inputs, so only q's parameters get a gradient) and step q's own Adam (learning rate {@code
 *       club_learning_rate}) over the {@code club.*} parameters; the step consumes and zeroes their
 *       gradients;
 *   <li>back-propagate {@link #evaluate} of the same outputs (their graph is still there; L_min
 *       reads the updated q and detaches its outputs, so the {@code club.*} gradients stay 0) and
 *       step the model's optimizer over every parameter except {@code club.*}.
 * </ol>
 */
public final class MmmieLoss extends Loss {

    private final MmmieConfig config;
    private final Map<String, ClubEstimator> club;
    private final Loss task;

    /** The objective of {@code model}: its config, its task and, with CLUB, its estimators. */
    public MmmieLoss(MmmieModel model) {
        super("MmmieLoss");
        config = model.config();
        club = model.club();
        task =
                model.inputs().emotions() > 0
                        ? new EmotionCrossEntropyLoss("task", 1f)
                        : new RegressionLoss("task", config.taskLoss(), 1f);
    }

    /** L = L_task + alpha L_max + beta L_min. */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return terms(labels, predictions).get("total");
    }

    /** Every term of L by name, {@code total} last; each a scalar. */
    public Map<String, NDArray> terms(NDList labels, NDList predictions) {
        Map<String, NDArray> terms = new LinkedHashMap<>();
        NDArray total = task.evaluate(labels, predictions); // ()
        terms.put("task", total);
        if (config.miMaximization() && !config.pairs().isEmpty()) {
            NDArray max = null;
            for (String pair : config.pairs()) {
                NDArray nce = ContrastiveLoss.infoNce(predictions.get("scores_" + pair)); // ()
                terms.put("nce_" + pair, nce);
                max = max == null ? nce : max.add(nce);
            }
            for (String pair : config.pairs()) {
                terms.put("mi_" + pair, miEstimate(predictions.get("scores_" + pair)));
            }
            total = total.add(Scalars.mul(max, config.maxWeight()));
        }
        if (config.minimizer() != MmmieConfig.Minimizer.NONE) {
            NDArray min = null;
            for (String m : config.modalities().letters()) {
                NDArray term = minTerm(m, predictions); // ()
                terms.put("min_" + m, term);
                min = min == null ? term : min.add(term);
            }
            terms.put("min", min);
            total = total.add(Scalars.mul(min, config.minWeight()));
        }
        terms.put("total", total);
        return terms;
    }

    /** Modality m's part of L_min: its KL term (VIB) or its CLUB bound. */
    private NDArray minTerm(String m, NDList predictions) {
        if (config.minimizer() == MmmieConfig.Minimizer.VIB) {
            return predictions.get("kl_" + m);
        }
        return club.get(m).bound(predictions.get("x_" + m), predictions.get("u_" + m));
    }

    /**
     * q's objective summed over the modalities, sum_m -mean_i log q_m(u_i | x_i), on detached
     * pairs: its gradient reaches the {@code club.*} parameters only.
     *
     * @throws IllegalStateException when the minimiser is not CLUB
     */
    public NDArray clubFitLoss(NDList predictions) {
        if (club.isEmpty()) {
            throw new IllegalStateException(
                    "minimizer: expected club for a CLUB fit, found "
                            + Choices.name(config.minimizer()));
        }
        NDArray loss = null;
        for (String m : config.modalities().letters()) {
            NDArray nll = club.get(m).fitLoss(predictions.get("x_" + m), predictions.get("u_" + m));
            loss = loss == null ? nll : loss.add(nll);
        }
        return loss;
    }

    /** The InfoNCE estimate of a pair's mutual information: log B - InfoNCE(S), S (B, B). */
    public static NDArray miEstimate(NDArray scores) {
        double batch = scores.getShape().get(0);
        return ContrastiveLoss.infoNce(scores).neg().add((float) Math.log(batch));
    }
}
