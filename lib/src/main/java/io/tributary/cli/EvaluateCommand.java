package io.tributary.cli;

import io.tributary.core.Json;
import io.tributary.train.SavedRunEvaluation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./msa evaluate}: a finished run's saved model on a split, again. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Reload OUT/model of a finished run, predict a split, write id,prediction,label as CSV"
                    + " (what ./msa metrics reads) and print the metrics as JSON."
        })
final class EvaluateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--run", required = true, description = "The run's folder (./msa train --out).")
    Path run;

    @Option(
            names = "--data",
            required = true,
            description = "A corpus pickle, or synthetic[-noise].")
    String data;

    @Option(names = "--split", defaultValue = "test", description = "Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--out", required = true, description = "Predictions CSV to write.")
    Path out;

    @Override
    public Integer call() {
        var metrics = SavedRunEvaluation.evaluate(run, data, split, out);
        spec.commandLine().getOut().println(Json.pretty().toJson(metrics));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
