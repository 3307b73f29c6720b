package io.tributary.cli;

import io.tributary.core.Json;
import io.tributary.train.ModelTrainer;
import io.tributary.train.RunResult;
import io.tributary.train.SettingTable;
import io.tributary.train.Task;
import io.tributary.train.TrainingRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./msa train}: trains one model on one corpus and writes its run folder. The settings are
 * resolved and checked, against the BERT's config too, before any data is read; the help lists them
 * from the config records ({@link SettingTable#help()}).
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        modelTransformer = TrainCommand.SettingsHelp.class,
        description = {
            "Train a model; writes OUT/epochs.jsonl (one record per epoch), OUT/model/ (the best"
                    + " validation checkpoint) and OUT/result.json, and prints the result."
        })
final class TrainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--model",
            defaultValue = "injection",
            description = "injection, text, mag or mmmie (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--data",
            required = true,
            description =
                    "A corpus pickle (MMSA, MulT or MAG-BERT layout), synthetic or synthetic-noise.")
    String data;

    @Option(names = "--bert", required = true, description = "BERT checkpoint folder.")
    Path bert;

    @Option(names = "--out", required = true, description = "The run's folder.")
    Path out;

    @Option(names = "--seed", defaultValue = "1111", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--task",
            description =
                    "MOSI, MOSEI, SIMS or IEMOCAP: whose metrics score the run (default: IEMOCAP"
                            + " for emotion labels, else MOSI).")
    Task task;

    @Option(
            names = "--row",
            description =
                    "The table row the run belongs to, recorded in result.json (default: the"
                            + " model's name).")
    String row;

    @Option(
            names = "--resume",
            description =
                    "Continue the run in --out from its last complete epoch (the same command"
                            + " must be given); start it when there is none, and print the result"
                            + " of a finished one.")
    boolean resume;

    @Option(
            names = "--selection-only",
            description =
                    "Read only the train and valid splits (the test split is never built) and skip"
                            + " the test evaluation: result.json has selection_only true, an empty"
                            + " test and the splits read. What a hyper-parameter search's trials"
                            + " run.")
    boolean selectionOnly;

    @Option(names = "--set", description = "key=value, repeatable: a setting listed below.")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        TrainingRun run =
                TrainingRun.prepare(model, data, bert, out, seed, sets, task, row, selectionOnly);
        RunResult result = ModelTrainer.train(run, resume);
        spec.commandLine().getOut().println(Json.pretty().toJson(result));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Puts the settings list under the options of {@code --help}. */
    static final class SettingsHelp implements CommandLine.IModelTransformer {

        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.usageMessage().footer("", SettingTable.help().replace("%", "%%"));
            return spec;
        }
    }
}
