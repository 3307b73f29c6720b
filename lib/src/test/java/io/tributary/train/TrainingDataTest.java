package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import io.tributary.data.MultimodalSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's config reaches the batches it trains on, as it reaches those it is evaluated on. */
class TrainingDataTest {

    private static final Path BERT = Path.of("..", "datasets", "bert-tiny");

    @Test
    void bothPaddingsReachTheTrainingBatches() throws Exception {
        TrainConfig fixed = Settings.forModel("injection", 1, List.of("batch_size=2")).train();
        TrainConfig batch =
                Settings.forModel("injection", 1, List.of("batch_size=2", "padding=batch")).train();
        MultimodalSplit train = TrainingData.load("synthetic", BERT, fixed).splits().get("train");
        long full = train.audio().steps();
        List<Long> fixedFrames = trainingFrames(train, fixed);
        List<Long> batchFrames = trainingFrames(train, batch);
        assertTrue(fixedFrames.stream().allMatch(f -> f == full), "fixed: " + fixedFrames);
        assertTrue(batchFrames.stream().allMatch(f -> f <= full), "batch: " + batchFrames);
        assertTrue(batchFrames.stream().anyMatch(f -> f < full), "batch: " + batchFrames);
    }

    /** The acoustic frames of each training batch, as the trainer draws them. */
    private static List<Long> trainingFrames(MultimodalSplit split, TrainConfig config)
            throws Exception {
        List<Long> frames = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Batch b : TrainingData.dataset(split, config, true).getData(manager)) {
                try (b) {
                    frames.add(b.getData().get(3).getShape().get(1));
                }
            }
        }
        return frames;
    }
}
