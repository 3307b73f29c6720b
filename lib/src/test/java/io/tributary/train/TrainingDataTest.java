package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import io.tributary.data.MultimodalSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /**
     * Runs over seeds on one generator share a dataset identity (the table averages them); another
     * generator, or other parameters, is another dataset.
     */
    @Test
    void generatedDataIsIdentifiedWithoutItsSeed() {
        TrainingRun.DataSource seed1 = source("synthetic", 1);
        TrainingRun.DataSource seed2 = source("synthetic", 2);
        assertEquals(seed1, seed2);
        assertEquals("synthetic", seed1.path());
        assertFalse(seed1.generator().contains("seed"), seed1.generator());
        assertNotEquals(seed1.sha256(), source("synthetic-noise", 1).sha256());
    }

    /**
     * A selection-only load builds train and valid, the same samples as a full load's, and never
     * the test split: the split counter does not move for test.
     */
    @Test
    void selectionSplitsLeaveTheTestSplitUnbuilt() {
        TrainConfig config = Settings.forModel("injection", 3, List.of()).train();
        Path sample = Path.of("..", "datasets", "sample", "synthetic_aligned.pkl");
        for (String data : List.of("synthetic", sample.toString())) {
            int testReads = TrainingData.splitReads().getOrDefault("test", 0);
            int validReads = TrainingData.splitReads().getOrDefault("valid", 0);
            Map<String, MultimodalSplit> selection =
                    TrainingData.load(data, BERT, config, TrainingData.SELECTION_SPLITS).splits();
            assertEquals(List.of("train", "valid"), List.copyOf(selection.keySet()), data);
            assertEquals(testReads, TrainingData.splitReads().getOrDefault("test", 0), data);
            assertEquals(validReads + 1, TrainingData.splitReads().get("valid"), data);
            MultimodalSplit valid = TrainingData.load(data, BERT, config).splits().get("valid");
            assertArrayEquals(valid.labels(), selection.get("valid").labels(), data);
        }
    }

    private static TrainingRun.DataSource source(String generator, long seed) {
        TrainConfig config = Settings.forModel("injection", seed, List.of()).train();
        return TrainingData.load(generator, BERT, config).source();
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
