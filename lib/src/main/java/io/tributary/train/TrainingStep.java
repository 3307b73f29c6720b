package io.tributary.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import io.tributary.nn.MultimodalModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One training step as {@link ModelTrainer} takes it, for any model family: forward in training
 * mode, the objective's auxiliary step (MMMIE's CLUB), backward of the total loss, and AdamW over
 * the trained parameters with clipping. The trainer runs its epochs through {@link #backward};
 * benchmarks and notebooks time or inspect the same step through {@link #run}.
 */
public final class TrainingStep implements AutoCloseable {

    private final MultimodalModel model;
    private final Objective objective;
    private final AdamW optimizer;

    private TrainingStep(MultimodalModel model, TrainConfig config) {
        this.model = model;
        objective = Families.objective(model);
        optimizer = ModelTrainer.optimizer(model, config);
    }

    /**
     * The step of an initialised {@code model} with the objective of its family and the optimizer
     * {@code config} sets up (learning rates, weight decay, clipping).
     */
    public static TrainingStep of(MultimodalModel model, TrainConfig config) {
        return new TrainingStep(model, config);
    }

    /**
     * One step on {@code batch} at learning-rate multiplier {@code scale}. The arrays of the step
     * live on the batch's manager: closing the batch frees them.
     *
     * @return the loss terms by name, {@code loss} (the total) first
     */
    public Map<String, NDArray> run(Batch batch, double scale) {
        Map<String, NDArray> terms = backward(model, objective, batch);
        optimizer.step(scale);
        return terms;
    }

    /**
     * The forward and backward passes of one step: gradients on every parameter the total loss
     * reaches, after the objective's auxiliary step.
     *
     * @return the loss terms by name, {@code loss} (the total) first, then the auxiliary step's and
     *     the objective's terms
     */
    static Map<String, NDArray> backward(MultimodalModel model, Objective objective, Batch batch) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList predictions =
                    model.forward(
                            new ParameterStore(batch.getManager(), false), batch.getData(), true);
            Map<String, NDArray> recorded =
                    new LinkedHashMap<>(objective.beforeBackward(predictions, collector));
            Objective.Terms terms = objective.evaluate(batch.getLabels(), predictions);
            collector.backward(terms.total());
            Map<String, NDArray> all = new LinkedHashMap<>();
            all.put("loss", terms.total());
            all.putAll(recorded);
            all.putAll(terms.terms());
            return all;
        }
    }

    /** Frees the optimizer's moments and the objective's state; the model stays. */
    @Override
    public void close() {
        optimizer.close();
        objective.close();
    }
}
