package io.tributary.train;

import io.tributary.core.Choices;
import io.tributary.core.InputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finished runs evaluated again with the nonverbal frames of a split corrupted ({@link
 * NonverbalCorruption}) at each of a list of rates, what {@code ./msa robustness} measures: each
 * run's saved model reloaded as {@link SavedRunEvaluation} reloads it, and run over the split as
 * corrupted by the same seeded corruption for every run. At rate 0 the split is the one training
 * evaluated, so a run's metrics at rate 0 are its {@code result.json} test metrics. Training data
 * are never corrupted.
 */
public final class RobustnessEvaluation {

    /** The name under which the mean gate is reported, as {@code result.json} names it. */
    public static final String MEAN_GATE = "mean_gate";

    private static final Logger LOG = LoggerFactory.getLogger(RobustnessEvaluation.class);

    /** Receives each run's values at each rate, in the order of the runs, then of the rates. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param run the run's folder as given
         * @param rate the corruption rate
         * @param values the task's metrics, named as {@code result.json} names them, and {@link
         *     #MEAN_GATE} where the model has gates
         */
        void evaluated(String run, double rate, Map<String, Double> values);
    }

    private RobustnessEvaluation() {}

    /**
     * Evaluates every run in {@code runs} on the split {@code split} of {@code data} corrupted at
     * every rate in {@code rates}. Rates outside [0, 1] and folders without a {@code result.json}
     * are refused before any run is evaluated.
     */
    public static void evaluate(
            List<String> runs,
            String data,
            String split,
            NonverbalCorruption corruption,
            List<Double> rates,
            Listener listener) {
        for (double rate : rates) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new InputException("--rates: expected rates in [0, 1], found " + rate);
            }
        }
        runs.forEach(run -> RunResult.read(Path.of(run)));
        String name = Choices.name(corruption.kind());
        for (String run : runs) {
            SavedRunEvaluation.reloaded(
                    Path.of(run),
                    data,
                    split,
                    (clean, evaluation) -> {
                        for (double rate : rates) {
                            Evaluation evaluated = evaluation.apply(corruption.apply(clean, rate));
                            Map<String, Double> values = new LinkedHashMap<>(evaluated.metrics());
                            if (!evaluated.gates().isEmpty()) {
                                values.put(MEAN_GATE, evaluated.meanGate());
                            }
                            LOG.info("{}: {} at rate {}: {}", run, name, rate, values);
                            listener.evaluated(run, rate, values);
                        }
                        return null;
                    });
        }
    }
}
