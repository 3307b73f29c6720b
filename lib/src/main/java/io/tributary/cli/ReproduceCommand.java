package io.tributary.cli;

import com.google.gson.annotations.SerializedName;
import io.tributary.core.Choices;
import io.tributary.core.InputException;
import io.tributary.core.Json;
import io.tributary.grid.Cell;
import io.tributary.grid.CellExecutor;
import io.tributary.grid.Experiment;
import io.tributary.grid.Grid;
import io.tributary.grid.KeepModels;
import io.tributary.grid.LocalExecutor;
import io.tributary.grid.SlurmExecutor;
import io.tributary.grid.SparkExecutor;
import io.tributary.report.ResultsTable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./msa reproduce}: an experiment's grid of runs, resumable, and its tables. */
@Command(
        name = "reproduce",
        mixinStandardHelpOptions = true,
        description = {
            "Run every unfinished cell (dataset x row x seed) of an experiment file, each in a JVM"
                    + " of its own on the chosen executor, resuming what a stopped run left; write"
                    + " each cell's run under OUT/runs/ and rebuild the tables in OUT after every"
                    + " cell."
        })
final class ReproduceCommand implements Callable<Integer> {

    /** Exit code when some cells failed twice: the others ran, and the tables show them. */
    static final int CELLS_FAILED = 1;

    @Spec CommandSpec spec;

    @Option(
            names = "--experiment",
            defaultValue = "experiments/default.json",
            description = "The experiment file. Default: ${DEFAULT-VALUE}.")
    Path experiment;

    @Mixin ExperimentFiles files;

    /** Where the cells run. */
    enum Executor {
        /** This machine, {@code --parallel} cells at a time. */
        @SerializedName("local")
        LOCAL,
        /** A Slurm job array, one task per cell. */
        @SerializedName("slurm")
        SLURM,
        /** Spark tasks on {@code --master}. */
        @SerializedName("spark")
        SPARK
    }

    @Option(
            names = "--executor",
            defaultValue = "local",
            description = "Where the cells run: local, slurm or spark. Default: ${DEFAULT-VALUE}.")
    String executor;

    @Mixin SlurmArguments slurm;

    @Option(
            names = "--master",
            description =
                    "spark: the Spark master URL, local[N], local[N,F] or spark://HOST:PORT"
                            + " (a task takes the cell's 'threads' cores).")
    String master;

    @Option(
            names = "--parallel",
            defaultValue = "1",
            description = "local: cells run at once. Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Option(
            names = "--keep-models",
            defaultValue = "best",
            description = "best or none: keep each cell's best model, or records only.")
    String keepModels;

    @Option(
            names = "--reference",
            defaultValue = ResultsTable.DEFAULT_REFERENCE,
            description = "The row the others are tested against. Default: ${DEFAULT-VALUE}.")
    String reference;

    @Override
    public Integer call() {
        if (parallel < 1) {
            throw new InputException("--parallel " + parallel + ": expected at least 1");
        }
        KeepModels keep = choice("--keep-models", keepModels, KeepModels.class);
        Executor where = choice("--executor", executor, Executor.class);
        onlyFor(where, Executor.LOCAL, "--parallel");
        onlyFor(where, Executor.SPARK, "--master");
        onlyFor(where, Executor.SLURM, "--partition", "--gres", "--time", "--account", "--dry-run");
        CellExecutor cellExecutor =
                switch (where) {
                    case LOCAL -> new LocalExecutor(parallel);
                    case SLURM ->
                            slurm.dryRun
                                    ? SlurmExecutor.dryRun(
                                            slurm.options(), spec.commandLine().getOut())
                                    : SlurmExecutor.submitting(slurm.options(), System.err);
                    case SPARK -> new SparkExecutor(sparkMaster());
                };
        Experiment grid = Experiment.read(experiment);
        Path folder = files.out(grid.name());
        List<Cell> cells = grid.cells(folder, files.dataRoot, files.bert);
        List<String> failed =
                new Grid(cells, folder, cellExecutor, keep, reference, System.err).run();
        if (slurm.dryRun) {
            return 0;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("experiment", grid.name());
        summary.put("cells", cells.size());
        summary.put("failed", failed);
        summary.put("table", folder.resolve("table.md").toString());
        spec.commandLine().getOut().println(Json.pretty().toJson(summary));
        spec.commandLine().getOut().flush();
        return failed.isEmpty() ? 0 : CELLS_FAILED;
    }

    /** Refuses any of {@code options} given with an executor other than {@code owner}. */
    private void onlyFor(Executor where, Executor owner, String... options) {
        for (String option : options) {
            if (where != owner && spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new InputException(
                        option
                                + ": only for --executor "
                                + Choices.name(owner)
                                + ", not "
                                + executor);
            }
        }
    }

    private String sparkMaster() {
        if (master == null) {
            throw new InputException(
                    "--executor spark: expected --master (local[N], local[N,F] or"
                            + " spark://HOST:PORT)");
        }
        return master;
    }

    private static <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
        try {
            return Choices.parse(option, value, type);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
    }
}
