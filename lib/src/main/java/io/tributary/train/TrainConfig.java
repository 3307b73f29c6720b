package io.tributary.train;

import io.tributary.core.ConfigChecks;
import java.util.List;

/**
 * How a model is trained (DESIGN.md section 4), written as JSON beside every result.
 *
 * @param batchSize samples per step (32)
 * @param maxEpochs at most this many epochs (40)
 * @param patience stop after this many epochs without a better validation task loss (8)
 * @param lrPlm learning rate of the pre-trained language model's weights (2e-5)
 * @param lrNew learning rate of every new weight (1e-3)
 * @param gateLr learning rate of the gates' parameters (1e-2)
 * @param weightDecay AdamW's decoupled decay, except biases, LayerNorm and gate scalars (0.01)
 * @param warmup fraction of the steps with a linear warm-up, then linear decay to 0 (0.1)
 * @param clipNorm global gradient-norm clip (1.0)
 * @param threads PyTorch intra-op threads: a CPU run repeats exactly only with a fixed number (2)
 * @param seed seeds weights, dropout, batch order and synthetic data (1111)
 * @param padding {@code fixed} (default: every batch at the split's full lengths, one shape for the
 *     engine's kernels) or {@code batch} (each batch padded to its longest sample)
 * @param schedule {@code linear} (default: warm-up, then linear decay to 0) or {@code constant}
 * @param textSource {@code ids} (default: the corpus's own BERT ids, word vectors or words) or
 *     {@code raw_text} (MMSA's raw_text, tokenised again by the run's BERT folder)
 * @param textLength BERT length words are tokenised to where a corpus gives words (50; 39 for
 *     CH-SIMS)
 */
public record TrainConfig(
        int batchSize,
        int maxEpochs,
        int patience,
        float lrPlm,
        float lrNew,
        float gateLr,
        float weightDecay,
        float warmup,
        float clipNorm,
        int threads,
        long seed,
        String padding,
        String schedule,
        String textSource,
        int textLength) {

    /** The paper seeds of DESIGN.md section 4: a table cell is the mean and std over them. */
    public static final long[] SEEDS = {1111, 1112, 1113, 1114, 1115};

    public static TrainConfig defaults() {
        return new TrainConfig(
                32, 40, 8, 2e-5f, 1e-3f, 1e-2f, 0.01f, 0.1f, 1.0f, 2, 1111, "fixed", "linear",
                "ids", 50);
    }

    public TrainConfig {
        ConfigChecks.positive("batch_size", batchSize);
        ConfigChecks.positive("max_epochs", maxEpochs);
        ConfigChecks.positive("patience", patience);
        ConfigChecks.positive("threads", threads);
        ConfigChecks.positive("text_length", textLength);
        ConfigChecks.oneOf("padding", padding, List.of("fixed", "batch"));
        ConfigChecks.oneOf("text_source", textSource, List.of("ids", "raw_text"));
        ConfigChecks.oneOf("schedule", schedule, List.of("linear", "constant"));
        if (warmup < 0 || warmup >= 1) {
            throw new IllegalArgumentException(
                    "warmup: expected a fraction in [0, 1), found " + warmup);
        }
        if (clipNorm <= 0) {
            throw new IllegalArgumentException(
                    "clip_norm: expected a positive norm, found " + clipNorm);
        }
    }

    public TrainConfig withSeed(long newSeed) {
        return new TrainConfig(
                batchSize,
                maxEpochs,
                patience,
                lrPlm,
                lrNew,
                gateLr,
                weightDecay,
                warmup,
                clipNorm,
                threads,
                newSeed,
                padding,
                schedule,
                textSource,
                textLength);
    }
}
