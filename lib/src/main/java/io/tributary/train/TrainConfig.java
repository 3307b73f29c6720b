package io.tributary.train;

import com.google.gson.annotations.SerializedName;
import io.tributary.core.ConfigChecks;
import io.tributary.nn.Setting;

/**
 * How a model is trained (DESIGN.md section 4), written as JSON beside every result. Each
 * component's {@link Setting} says what it is; the defaults are the {@link Builder}'s. Every model
 * takes every training setting, also one another makes moot ({@code warmup} with {@code
 * schedule=constant}).
 *
 * @param seed seeds weights, dropout, batch order and synthetic data (1111); set by {@code --seed}
 */
public record TrainConfig(
        @Setting("samples per step") int batchSize,
        @Setting("at most this many epochs") int maxEpochs,
        @Setting("stop after this many epochs without a better validation task loss") int patience,
        @Setting("learning rate of the pre-trained language model's weights") float lrPlm,
        @Setting("learning rate of every new weight") float lrNew,
        @Setting("learning rate of the gates' parameters") float gateLr,
        @Setting("AdamW's decoupled weight decay, except biases, LayerNorm and gate scalars")
                float weightDecay,
        @Setting("fraction of the steps with a linear warm-up, before the linear decay")
                float warmup,
        @Setting("global gradient-norm clip") float clipNorm,
        @Setting("PyTorch intra-op threads; a CPU run repeats exactly for a given number")
                int threads,
        long seed,
        @Setting(
                        "fixed: every batch at the split's full lengths (one shape for the"
                                + " engine's kernels); batch: each batch padded to its longest"
                                + " sample")
                Padding padding,
        @Setting("linear: warm-up, then linear decay to 0; constant: no warm-up, no decay")
                Schedule schedule,
        @Setting(
                        "ids: the corpus's own BERT ids, word vectors or words; raw_text: MMSA's"
                                + " raw_text, tokenised again by the run's BERT folder")
                TextSource textSource,
        @Setting("BERT length words are tokenised to where a corpus gives words (39 for CH-SIMS)")
                int textLength) {

    /** The paper seeds of DESIGN.md section 4: a table cell is the mean and std over them. */
    public static final long[] SEEDS = {1111, 1112, 1113, 1114, 1115};

    /** How batches are padded. */
    public enum Padding {
        @SerializedName("fixed")
        FIXED,
        @SerializedName("batch")
        BATCH
    }

    /** The learning-rate multiplier over the steps. */
    public enum Schedule {
        @SerializedName("linear")
        LINEAR,
        @SerializedName("constant")
        CONSTANT
    }

    /** Where a corpus's text comes from. */
    public enum TextSource {
        @SerializedName("ids")
        IDS,
        @SerializedName("raw_text")
        RAW_TEXT
    }

    /** Checks every field; the message names the setting, what it allows and what it found. */
    public TrainConfig {
        ConfigChecks.positive("batch_size", batchSize);
        ConfigChecks.positive("max_epochs", maxEpochs);
        ConfigChecks.positive("patience", patience);
        ConfigChecks.positive("lr_plm", lrPlm);
        ConfigChecks.positive("lr_new", lrNew);
        ConfigChecks.positive("gate_lr", gateLr);
        ConfigChecks.atLeastZero("weight_decay", weightDecay);
        ConfigChecks.fraction("warmup", warmup);
        ConfigChecks.positive("clip_norm", clipNorm);
        ConfigChecks.positive("threads", threads);
        ConfigChecks.chosen("padding", padding, Padding.class);
        ConfigChecks.chosen("schedule", schedule, Schedule.class);
        ConfigChecks.chosen("text_source", textSource, TextSource.class);
        ConfigChecks.positive("text_length", textLength);
    }

    public static TrainConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults of DESIGN.md section 4; {@code optX} sets the setting of that name. */
    public static final class Builder {

        private int batchSize = 32;
        private int maxEpochs = 40;
        private int patience = 8;
        private float lrPlm = 2e-5f;
        private float lrNew = 1e-3f;
        private float gateLr = 1e-2f;
        private float weightDecay = 0.01f;
        private float warmup = 0.1f;
        private float clipNorm = 1.0f;
        private int threads = 2;
        private long seed = 1111;
        private Padding padding = Padding.FIXED;
        private Schedule schedule = Schedule.LINEAR;
        private TextSource textSource = TextSource.IDS;
        private int textLength = 50;

        private Builder() {}

        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder optMaxEpochs(int maxEpochs) {
            this.maxEpochs = maxEpochs;
            return this;
        }

        public Builder optPatience(int patience) {
            this.patience = patience;
            return this;
        }

        public Builder optLrPlm(float lrPlm) {
            this.lrPlm = lrPlm;
            return this;
        }

        public Builder optLrNew(float lrNew) {
            this.lrNew = lrNew;
            return this;
        }

        public Builder optGateLr(float gateLr) {
            this.gateLr = gateLr;
            return this;
        }

        public Builder optWeightDecay(float weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder optWarmup(float warmup) {
            this.warmup = warmup;
            return this;
        }

        public Builder optClipNorm(float clipNorm) {
            this.clipNorm = clipNorm;
            return this;
        }

        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optPadding(Padding padding) {
            this.padding = padding;
            return this;
        }

        public Builder optSchedule(Schedule schedule) {
            this.schedule = schedule;
            return this;
        }

        public Builder optTextSource(TextSource textSource) {
            this.textSource = textSource;
            return this;
        }

        public Builder optTextLength(int textLength) {
            this.textLength = textLength;
            return this;
        }

        /** The config; an invalid setting is an {@link IllegalArgumentException} naming it. */
        public TrainConfig build() {
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
                    seed,
                    padding,
                    schedule,
                    textSource,
                    textLength);
        }
    }
}
