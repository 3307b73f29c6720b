package io.tributary.train;

import com.google.gson.JsonObject;
import io.tributary.bert.BertConfig;
import io.tributary.core.AtomicFiles;
import io.tributary.core.Json;
import java.nio.file.Path;
import java.util.Map;

/**
 * The final record of a run, {@code OUT/result.json}: its provenance and its scores. Tables,
 * notebooks and plots read only these records.
 *
 * @param row the table row the run belongs to ({@code ./msa train --row}; default the model's name)
 * @param config the resolved configs: model, train, and BERT's shape
 * @param data the data's path and SHA-256
 * @param seed the run's seed
 * @param codeVersion the code that ran
 * @param device where it ran
 * @param deterministic whether the same command repeats this record exactly (time and memory fields
 *     aside): true on a CPU, for the seed and the thread count of {@code config.train}; false on a
 *     GPU, whose kernels (atomic adds in scatter and index backward, cuBLAS's split reductions) are
 *     not held to one order here
 * @param wallSeconds from start to the written record
 * @param epochs epochs trained
 * @param bestEpoch the epoch whose checkpoint was kept (lowest validation L_task)
 * @param valid the best checkpoint's metrics on the validation split, and its {@code task_loss}
 * @param test its metrics on the test split, evaluated once
 * @param gates the injection model's mean gate per injected layer on the test split
 * @param meanGate their mean (NaN for the baselines)
 * @param attention the mean attention weight per nonverbal modality on the test split
 * @param selectionOnly true for a run of {@code ./msa train --selection-only} (a hyper-parameter
 *     search's trial): it read train and valid only, so {@code test}, {@code gates} and {@code
 *     attention} are empty and {@code mean_gate} is NaN
 * @param splitsRead how many times the run's process built each split from data ({@link
 *     TrainingData#splitReads()}); a selection-only run started by {@code ./msa train} shows no
 *     {@code test}
 */
public record RunResult(
        String row,
        Config config,
        TrainingRun.DataSource data,
        long seed,
        String codeVersion,
        String device,
        boolean deterministic,
        double wallSeconds,
        int epochs,
        int bestEpoch,
        Map<String, Double> valid,
        Map<String, Double> test,
        Map<String, Double> gates,
        double meanGate,
        Map<String, Double> attention,
        boolean selectionOnly,
        Map<String, Integer> splitsRead) {

    /** The resolved configs of a run. */
    public record Config(
            JsonObject model, TrainConfig train, JsonObject bert, String bertPath, String task) {
        static Config of(TrainingRun run, BertConfig bert) {
            return new Config(
                    Json.gson().toJsonTree(run.model()).getAsJsonObject(),
                    run.train(),
                    bert.toJson(),
                    String.valueOf(run.bert()),
                    run.task().name());
        }
    }

    public static final String FILE = "result.json";

    void write(Path out) {
        AtomicFiles.writeString(out.resolve(FILE), Json.pretty().toJson(this) + "\n");
    }

    /** Reads {@code OUT/result.json}. */
    public static RunResult read(Path out) {
        return Json.read(out.resolve(FILE), RunResult.class);
    }
}
