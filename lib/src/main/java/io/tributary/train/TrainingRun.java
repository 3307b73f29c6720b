package io.tributary.train;

import com.google.gson.JsonObject;
import io.tributary.bert.BertCheckpoint;
import io.tributary.core.Checksums;
import io.tributary.core.Choices;
import io.tributary.core.Json;
import io.tributary.data.MultimodalSplit;
import io.tributary.nn.ModelConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one training run needs: what to build, how to train it, the data and where it came
 * from, and the output folder.
 *
 * @param model the model's config
 * @param train the training config
 * @param bert a BERT checkpoint folder, or null for a randomly initialised {@code tiny()} BERT
 * @param splits train, valid and test
 * @param task whose metrics score it
 * @param data where the data came from, recorded with its checksum
 * @param out the run's folder: {@code epochs.jsonl}, {@code model/}, {@code result.json}
 * @param row the name of the table row the run belongs to ({@code full}, {@code no-gate}, ...), or
 *     null for the model's name
 * @param selectionOnly whether the run only trains and selects its checkpoint: its splits are train
 *     and valid, and the test split is neither read nor evaluated
 */
public record TrainingRun(
        ModelConfig model,
        TrainConfig train,
        Path bert,
        Map<String, MultimodalSplit> splits,
        Task task,
        DataSource data,
        Path out,
        String row,
        boolean selectionOnly) {

    /** A run that is scored on its test split. */
    public TrainingRun(
            ModelConfig model,
            TrainConfig train,
            Path bert,
            Map<String, MultimodalSplit> splits,
            Task task,
            DataSource data,
            Path out,
            String row) {
        this(model, train, bert, splits, task, data, out, row, false);
    }

    /**
     * The run {@code ./msa train} starts: the settings of {@code model} resolved from {@code sets}
     * (key=value) and checked against the BERT's config before any data is read, then the splits
     * loaded (train and valid only for a selection-only run).
     *
     * @param data a corpus file or a generator's name ({@code synthetic}, ...)
     * @param task whose metrics score it, or null for the data's ({@link Task#of})
     * @param row the table row, or null for the model's name
     */
    public static TrainingRun prepare(
            String model,
            String data,
            Path bert,
            Path out,
            long seed,
            List<String> sets,
            Task task,
            String row,
            boolean selectionOnly) {
        Settings.Resolved settings =
                Settings.forModel(model, seed, sets).checkFits(BertCheckpoint.config(bert));
        TrainingData.Loaded loaded =
                TrainingData.load(
                        data,
                        bert,
                        settings.train(),
                        selectionOnly ? TrainingData.SELECTION_SPLITS : TrainingData.ALL_SPLITS);
        return new TrainingRun(
                settings.model(),
                settings.train(),
                bert,
                loaded.splits(),
                task != null ? task : Task.of(loaded.splits().get("train")),
                loaded.source(),
                out,
                row,
                selectionOnly);
    }

    /**
     * A run scored on its test split by the data's task, in the model's row: {@code
     * ModelTrainer.train(TrainingRun.prepare("injection", data, bert, out, 1111, "max_epochs=3"))}
     * is {@code ./msa train} in one call.
     */
    public static TrainingRun prepare(
            String model, String data, Path bert, Path out, long seed, String... sets) {
        return prepare(model, data, bert, out, seed, List.of(sets), null, null, false);
    }

    /** The table row: the given name, or the model's. */
    public String rowName() {
        return row != null ? row : Choices.name(model.model());
    }

    /**
     * Where the data came from, and what identifies it across runs.
     *
     * @param path the data file, or the generator's name ({@code synthetic}, ...)
     * @param sha256 the file's SHA-256, or that of {@code generator}: equal for the same data
     * @param generator for generated data, the generator's name and parameters without the seed (as
     *     JSON), so that runs over seeds share one dataset; null for a file
     */
    public record DataSource(String path, String sha256, String generator) {

        /** A data file. */
        public static DataSource file(Path file) {
            return new DataSource(file.toAbsolutePath().toString(), Checksums.sha256(file), null);
        }

        /** Generated data: {@code name} and the parameters it was generated with, less the seed. */
        public static DataSource generated(String name, JsonObject parameters) {
            JsonObject withoutSeed = parameters.deepCopy();
            withoutSeed.remove("seed");
            String generator = name + ":" + Json.gson().toJson(withoutSeed);
            return new DataSource(name, Checksums.sha256(generator), generator);
        }
    }

    public MultimodalSplit split(String name) {
        return TrainingData.split(splits, name);
    }
}
