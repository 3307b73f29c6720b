package io.tributary.train;

import io.tributary.data.MultimodalSplit;
import io.tributary.nn.ModelConfig;
import java.nio.file.Path;
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
 */
public record TrainingRun(
        ModelConfig model,
        TrainConfig train,
        Path bert,
        Map<String, MultimodalSplit> splits,
        Task task,
        DataSource data,
        Path out) {

    /** Where the data came from: a file and its SHA-256, or a generator and its parameters. */
    public record DataSource(String path, String sha256) {}

    public MultimodalSplit split(String name) {
        return TrainingData.split(splits, name);
    }
}
