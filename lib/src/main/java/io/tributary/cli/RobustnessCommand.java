package io.tributary.cli;

import io.tributary.core.InputException;
import io.tributary.core.Json;
import io.tributary.report.RobustnessCurves;
import io.tributary.train.NonverbalCorruption;
import io.tributary.train.RobustnessEvaluation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./msa robustness}: finished runs evaluated with a split's nonverbal frames corrupted at
 * several rates; prints what it wrote as JSON.
 */
@Command(
        name = "robustness",
        mixinStandardHelpOptions = true,
        description = {
            "Reload each run's saved model and evaluate it on a split whose nonverbal frames are"
                    + " corrupted at each rate, the same seeded corruption for every run; write"
                    + " robustness.csv (run,corrupt,modality,rate,metric,value) and one"
                    + " metric-versus-rate chart per metric, a curve per run, into --out.",
            "random-drop zeroes that fraction of each sample's valid frames; structural-drop one"
                    + " contiguous span of that fraction; gaussian adds noise of std rate x each"
                    + " feature's std over the split; swap gives that fraction of samples another"
                    + " sample's stream."
        })
final class RobustnessCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--run",
            required = true,
            description = "A finished run's folder (./msa train --out); repeat for more runs.")
    List<String> runs;

    @Option(
            names = "--data",
            required = true,
            description = "A corpus pickle, or synthetic[-noise|-aligned|-shared].")
    String data;

    @Option(names = "--split", defaultValue = "test", description = "Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(
            names = "--corrupt",
            required = true,
            description = "random-drop, structural-drop, gaussian or swap.")
    String corrupt;

    @Option(
            names = "--modality",
            defaultValue = "both",
            description = "acoustic, visual or both. Default: ${DEFAULT-VALUE}.")
    String modality;

    @Option(
            names = "--rates",
            required = true,
            description = "Corruption rates in [0, 1], comma-separated, e.g. 0,0.25,0.5,1.")
    String rates;

    @Option(
            names = "--seed",
            defaultValue = "" + NonverbalCorruption.DEFAULT_SEED,
            description = "Seed of the corruption. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", required = true, description = "Where the CSV and charts go.")
    Path out;

    @Override
    public Integer call() {
        NonverbalCorruption corruption = NonverbalCorruption.parse(corrupt, modality, seed);
        RobustnessCurves curves = new RobustnessCurves(corrupt, modality);
        RobustnessEvaluation.evaluate(runs, data, split, corruption, rates(), curves::add);
        curves.write(out);
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("out", out.toString());
        written.put("csv", out.resolve(RobustnessCurves.CSV).toString());
        written.put("metrics", curves.metrics());
        spec.commandLine().getOut().println(Json.pretty().toJson(written));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private List<Double> rates() {
        List<Double> parsed = new ArrayList<>();
        for (String rate : rates.split(",", -1)) {
            try {
                parsed.add(Double.parseDouble(rate.strip()));
            } catch (NumberFormatException e) {
                throw new InputException(
                        "--rates " + rates + ": expected numbers in [0, 1], comma-separated", e);
            }
        }
        return parsed;
    }
}
