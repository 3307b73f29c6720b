package io.tributary.cli;

import io.tributary.core.Json;
import io.tributary.metrics.PredictionCsv;
import io.tributary.metrics.RegressionMetrics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./msa metrics}: the field's metrics of a {@code prediction,label} CSV, as JSON. */
@Command(
        name = "metrics",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the metrics MMSA reports for a CSV of predictions and labels, as one JSON"
                    + " object name -> value.",
            "The CSV has a header; its columns 'prediction' and 'label' are found by name, others"
                    + " (such as 'id') are ignored."
        })
final class MetricsCommand implements Callable<Integer> {

    @Option(
            names = "--dataset",
            required = true,
            description = "Metric conventions: ${COMPLETION-CANDIDATES}.")
    RegressionMetrics dataset;

    @Option(names = "--predictions", required = true, description = "The CSV file.")
    Path predictions;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PredictionCsv csv = PredictionCsv.read(predictions);
        var metrics = dataset.compute(csv.predictions(), csv.labels());
        spec.commandLine().getOut().println(Json.pretty().toJson(metrics));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
