package io.tributary.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.Optional;

/**
 * What a model family minimises, term by term: the trainer back-propagates the total, records every
 * term per epoch, and stops early on L_task alone.
 */
interface Objective {

    /** One batch's loss: the total to minimise, L_task, and every term by name. */
    record Terms(NDArray total, NDArray task, Map<String, NDArray> terms) {}

    Terms evaluate(NDList labels, NDList predictions);

    /** L_task alone, for validation and early stopping. */
    NDArray task(NDList labels, NDList predictions);

    /**
     * Called inside the step's gradient collector after the forward pass and before the model's
     * backward pass: where an auxiliary estimator takes its own step on the batch (MMMIE's CLUB).
     *
     * @return what that step minimised, by name, for the epoch records (empty when there is none)
     */
    default Map<String, NDArray> beforeBackward(NDList predictions, GradientCollector collector) {
        return Map.of();
    }

    /**
     * What the objective can say about one evaluation batch beyond L_task, by name (each a number
     * that the evaluation averages over the split's samples): MMMIE's MI estimates and their
     * shuffled controls. {@code batch} counts the split's batches from 0, for seeded draws that
     * repeat in every evaluation.
     */
    default Map<String, Double> diagnostics(NDList predictions, int batch) {
        return Map.of();
    }

    /**
     * The optimizer of the auxiliary estimator that {@link #beforeBackward} steps, if any: part of
     * a run's state, which a checkpoint keeps.
     */
    default Optional<AdamW> auxiliaryOptimizer() {
        return Optional.empty();
    }

    /** Frees what the objective holds (an auxiliary optimizer's state). */
    default void close() {}
}
