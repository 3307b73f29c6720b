package io.tributary.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.tributary.inject.InjectionConfig;
import io.tributary.loss.ContrastiveLoss;
import io.tributary.loss.CrossModalMarginLoss;
import io.tributary.loss.CrossModalMatchingLoss;
import io.tributary.loss.EmotionCrossEntropyLoss;
import io.tributary.loss.RegressionLoss;
import io.tributary.nn.ModelKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code L = L_task + lambda_match L_match + lambda_margin L_margin} (or {@code + lambda_c
 * InfoNCE}, or L_task alone for the baselines), with each weighted term kept so that epoch records
 * can show them; early stopping reads L_task alone.
 */
final class InjectionObjective implements Objective {

    private final Loss task;
    private final List<Loss> alignment;

    private InjectionObjective(Loss task, List<Loss> alignment) {
        this.task = task;
        this.alignment = alignment;
    }

    static InjectionObjective of(InjectionConfig config, boolean emotions) {
        Loss task =
                emotions
                        ? new EmotionCrossEntropyLoss("task", 1f)
                        : new RegressionLoss("task", config.taskLoss(), 1f);
        List<Loss> alignment = new ArrayList<>();
        if (config.model() == ModelKind.INJECTION) {
            switch (config.alignmentLoss()) {
                case MARGIN -> {
                    alignment.add(new CrossModalMatchingLoss("match", config.lambdaMatch()));
                    alignment.add(
                            new CrossModalMarginLoss(
                                    "margin", config.lambdaMargin(), config.gamma()));
                }
                case CONTRASTIVE ->
                        alignment.add(
                                new ContrastiveLoss(
                                        "contrastive",
                                        config.lambdaContrastive(),
                                        ContrastiveLoss.DEFAULT_TEMPERATURE));
                case NONE -> {}
            }
        }
        return new InjectionObjective(task, alignment);
    }

    @Override
    public Terms evaluate(NDList labels, NDList predictions) {
        NDArray taskLoss = task.evaluate(labels, predictions);
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put("task", taskLoss);
        NDArray total = taskLoss;
        for (Loss loss : alignment) {
            NDArray value = loss.evaluate(labels, predictions);
            terms.put(loss.getName(), value);
            total = total.add(value);
        }
        return new Terms(total, taskLoss, terms);
    }

    @Override
    public NDArray task(NDList labels, NDList predictions) {
        return task.evaluate(labels, predictions);
    }
}
