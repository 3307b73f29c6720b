package io.tributary.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.tributary.mmmie.MmmieConfig;
import io.tributary.mmmie.MmmieLoss;
import io.tributary.mmmie.MmmieModel;
import io.tributary.tensors.BlockParameters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * MMMIE's objective for the trainer: {@link MmmieLoss}'s terms (L_task, each pair's InfoNCE and MI
 * estimate, each modality's L_min), and with CLUB the step of q before every model step (its fit
 * loss recorded as {@code club_fit}): q fits the batch's detached (x, u) pairs by its own Adam
 * ({@code club_learning_rate}, no decay, no clipping) over the {@code club.*} parameters, which the
 * model's optimizer leaves out.
 */
final class MmmieObjective implements Objective {

    /** Seeds the shuffled pairs of the MI controls (with the batch's index). */
    private static final long CONTROL_SEED = 20_220_111L;

    private final MmmieConfig config;
    private final MmmieLoss loss;
    private final AdamW club;

    MmmieObjective(MmmieModel model) {
        config = model.config();
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

    /** With CLUB, q's step; its fit loss, sum_m -mean_i log q_m(u_i | x_i), is {@code club_fit}. */
    @Override
    public Map<String, NDArray> beforeBackward(NDList predictions, GradientCollector collector) {
        if (club == null) {
            return Map.of();
        }
        NDArray fit = loss.clubFitLoss(predictions); // ()
        collector.backward(fit);
        club.step(1.0);
        return Map.of("club_fit", fit);
    }

    /**
     * On a validation batch in eval mode (u = mu, critics not updated), for every pair: {@code
     * valid_mi_<pair>}, the estimate log B - InfoNCE(S), and {@code valid_mi_<pair>_control}, the
     * same critic's estimate on pairs whose second side is shuffled across the batch (S with its
     * columns permuted by a cyclic permutation drawn from a fixed seed, so no sample keeps its
     * partner). A critic that fits its training batches rather than shared information gives both
     * alike.
     */
    @Override
    public Map<String, Double> diagnostics(NDList predictions, int batch) {
        Map<String, Double> estimates = new LinkedHashMap<>();
        if (!config.miMaximization()) {
            return estimates;
        }
        for (String pair : config.pairs()) {
            NDArray scores = predictions.get("scores_" + pair); // (B, B)
            int size = Math.toIntExact(scores.getShape().get(0));
            if (size < 2) {
                continue;
            }
            NDArray partners = scores.getManager().create(shuffled(size, batch)); // (B)
            NDArray control = scores.get(new NDIndex(":, {}", partners)); // (B, B)
            estimates.put("valid_mi_" + pair, (double) MmmieLoss.miEstimate(scores).getFloat());
            estimates.put(
                    "valid_mi_" + pair + "_control",
                    (double) MmmieLoss.miEstimate(control).getFloat());
        }
        return estimates;
    }

    /** A cyclic permutation of 0..n-1 (Sattolo's algorithm): no index stays in place. */
    private static long[] shuffled(int n, int batch) {
        Random random = new Random(CONTROL_SEED + batch);
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i);
            long swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    @Override
    public Optional<AdamW> auxiliaryOptimizer() {
        return Optional.ofNullable(club);
    }

    @Override
    public void close() {
        if (club != null) {
            club.close();
        }
    }
}
