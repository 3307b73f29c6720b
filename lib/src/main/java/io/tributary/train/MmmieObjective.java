package io.tributary.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.tributary.mmmie.MmmieLoss;
import io.tributary.mmmie.MmmieModel;
import io.tributary.tensors.BlockParameters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MMMIE's objective for the trainer: {@link MmmieLoss}'s terms (L_task, each pair's InfoNCE and MI
 * estimate, each modality's L_min), and with CLUB the step of q before every model step: q fits the
 * batch's detached (x, u) pairs by its own Adam ({@code club_lr}, no decay, no clipping) over the
 * {@code club.*} parameters, which the model's optimizer leaves out.
 */
final class MmmieObjective implements Objective {

    private final MmmieLoss loss;
    private final AdamW club;

    MmmieObjective(MmmieModel model) {
        loss = new MmmieLoss(model);
        club = model.club().isEmpty() ? null : clubOptimizer(model);
    }

    private static AdamW clubOptimizer(MmmieModel model) {
        Map<String, Parameter> q = new LinkedHashMap<>(BlockParameters.named(model));
        q.keySet().removeIf(name -> !name.startsWith(ModelTrainer.AUXILIARY_PREFIX));
        return AdamW.builder()
                .setParameterGroups(
                        ParameterGroups.builder()
                                .setParameters(q)
                                .optNewLearningRate(model.config().clubLearningRate())
                                .build())
                .optWeightDecay(0)
                .optMaxGradNorm(Double.POSITIVE_INFINITY)
                .build();
    }

    @Override
    public Terms evaluate(NDList labels, NDList predictions) {
        Map<String, NDArray> terms = loss.terms(labels, predictions);
        NDArray total = terms.remove("total");
        return new Terms(total, terms.get("task"), terms);
    }

    @Override
    public NDArray task(NDList labels, NDList predictions) {
        return loss.terms(labels, predictions).get("task");
    }

    @Override
    public void beforeBackward(NDList predictions, GradientCollector collector) {
        if (club != null) {
            collector.backward(loss.clubFitLoss(predictions));
            club.step(1.0);
        }
    }

    @Override
    public void close() {
        if (club != null) {
            club.close();
        }
    }
}
