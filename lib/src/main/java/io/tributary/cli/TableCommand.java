package io.tributary.cli;

import io.tributary.core.Json;
import io.tributary.report.DatasetRuns;
import io.tributary.report.ResultsTable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./msa table}: the results table of a folder tree of run records; prints the output folder
 * and the datasets' labels as JSON.
 */
@Command(
        name = "table",
        mixinStandardHelpOptions = true,
        description = {
            "Reads every result.json (and cell.json) below --runs, groups the runs by dataset and"
                    + " row, and writes table.md, table.tex, table.csv and one bar chart per"
                    + " dataset and metric into --out: mean +- std over seeds, n, the best value"
                    + " marked, and paired t and exact Wilcoxon tests against the reference row."
        })
final class TableCommand implements Callable<Integer> {

    @Option(names = "--runs", required = true, description = "The folder of run records.")
    Path runs;

    @Option(names = "--out", required = true, description = "Where the tables and charts go.")
    Path out;

    @Option(
            names = "--reference",
            defaultValue = ResultsTable.DEFAULT_REFERENCE,
            description = "The row the others are tested against (default: ${DEFAULT-VALUE}).")
    String reference;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ResultsTable table = ResultsTable.read(runs);
        table.write(out, reference);
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("out", out.toString());
        written.put("datasets", table.datasets().stream().map(DatasetRuns::label).toList());
        spec.commandLine().getOut().println(Json.pretty().toJson(written));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
