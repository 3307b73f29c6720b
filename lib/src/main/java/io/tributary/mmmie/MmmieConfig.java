package io.tributary.mmmie;

import com.google.gson.annotations.SerializedName;
import io.tributary.core.ConfigChecks;
import io.tributary.loss.RegressionLoss;
import io.tributary.nn.Modalities;
import io.tributary.nn.ModelConfig;
import io.tributary.nn.ModelKind;
import io.tributary.nn.Setting;
import java.util.List;

/**
 * Everything that shapes an MMMIE model and its objective (DESIGN.md section 3). Every
 * reconstructed choice is a component: its {@link Setting} says what it is, the {@link Builder}
 * holds its default. Written as JSON beside every result. Error messages name a setting by its
 * snake_case name, the one the command line and the JSON use.
 */
public record MmmieConfig(
        @Setting("d', the width of u_m, of the fusion encoder and of the critics") int featureDim,
        @Setting("width per direction of the acoustic and visual BiLSTMs") int lstmHidden,
        @Setting(
                        "vector: one token per modality; sequence: one token per valid step, the"
                                + " identity embedding then e_m + p_m,k")
                Tokens tokens,
        @Setting("whether e_m is added before fusion (false: the ablation e_m = 0)")
                boolean identityEmbedding,
        @Setting("projected-cosine: cos(P x, Q y) / tau; bilinear: x^T W y")
                MiCriticBlock.Kind critic,
        @Setting("tau of the projected-cosine critic") float temperature,
        @Setting("MI minimisation between input and features: vib, club or none")
                Minimizer minimizer,
        @Setting(
                        "whether the pairwise InfoNCE terms are trained (false: alpha = 0, and"
                                + " the model has no critics)")
                boolean miMaximization,
        @Setting("alpha, the weight of L_max, the sum over pairs of InfoNCE") float alpha,
        @Setting("beta, the weight of L_min") float beta,
        @Setting("post-LN layers of the fusion encoder") int fusionLayers,
        @Setting("attention heads of the fusion encoder; they divide feature_dim") int fusionHeads,
        @Setting("dropout of the fusion encoder and before the head") float dropout,
        @Setting("learning rate of the CLUB estimator's own Adam") float clubLearningRate,
        @Setting("L_task for regression; classification uses cross-entropy")
                RegressionLoss.Kind taskLoss,
        @Setting(
                        "the streams the model reads; one left out has no encoder, token, MI"
                                + " pairs or L_min term")
                Modalities modalities)
        implements ModelConfig {

    /** MMMIE is a family of one model. */
    public static final String FAMILY = "mmmie";

    /** How each modality enters the fusion encoder. */
    public enum Tokens {
        @SerializedName("vector")
        VECTOR,
        @SerializedName("sequence")
        SEQUENCE
    }

    /** What bounds the mutual information between input and features from above. */
    public enum Minimizer {
        @SerializedName("vib")
        VIB,
        @SerializedName("club")
        CLUB,
        @SerializedName("none")
        NONE
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public ModelKind model() {
        return ModelKind.MMMIE;
    }

    /** The defaults of DESIGN.md section 3. */
    public static MmmieConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Checks every field; the message names the setting, what it allows and what it found. */
    public MmmieConfig {
        ConfigChecks.positive("feature_dim", featureDim);
        ConfigChecks.positive("lstm_hidden", lstmHidden);
        ConfigChecks.chosen("tokens", tokens, Tokens.class);
        ConfigChecks.chosen("critic", critic, MiCriticBlock.Kind.class);
        ConfigChecks.positive("temperature", temperature);
        ConfigChecks.chosen("minimizer", minimizer, Minimizer.class);
        ConfigChecks.atLeastZero("alpha", alpha);
        ConfigChecks.atLeastZero("beta", beta);
        ConfigChecks.positive("fusion_layers", fusionLayers);
        ConfigChecks.positive("fusion_heads", fusionHeads);
        if (featureDim % fusionHeads != 0) {
            throw new IllegalArgumentException(
                    "feature_dim: expected a multiple of fusion_heads "
                            + fusionHeads
                            + ", found "
                            + featureDim);
        }
        ConfigChecks.fraction("dropout", dropout);
        ConfigChecks.positive("club_learning_rate", clubLearningRate);
        ConfigChecks.chosen("task_loss", taskLoss, RegressionLoss.Kind.class);
        modalities = modalities == null ? Modalities.ALL : modalities;
    }

    /** Whether the model feeds the fusion encoder one token per valid step. */
    public boolean sequenceTokens() {
        return tokens == Tokens.SEQUENCE;
    }

    /**
     * The modality pairs whose mutual information is maximised: those of {@link MmmieModel#PAIRS}
     * whose two streams are both read.
     */
    public List<String> pairs() {
        List<String> read = modalities.letters();
        return MmmieModel.PAIRS.stream()
                .filter(
                        pair ->
                                read.contains(pair.substring(0, 1))
                                        && read.contains(pair.substring(1)))
                .toList();
    }

    /** The weight of L_max in L: alpha, or 0 without MI maximisation. */
    public float maxWeight() {
        return miMaximization ? alpha : 0f;
    }

    /** The weight of L_min in L: beta, or 0 without a minimiser. */
    public float minWeight() {
        return minimizer == Minimizer.NONE ? 0f : beta;
    }

    /** The defaults of DESIGN.md section 3; {@code optX} sets the setting of that name. */
    public static final class Builder {

        private int featureDim = 128;
        private int lstmHidden = 64;
        private Tokens tokens = Tokens.VECTOR;
        private boolean identityEmbedding = true;
        private MiCriticBlock.Kind critic = MiCriticBlock.Kind.PROJECTED_COSINE;
        private float temperature = 0.1f;
        private Minimizer minimizer = Minimizer.VIB;
        private boolean miMaximization = true;
        private float alpha = 0.1f;
        private float beta = 1e-3f;
        private int fusionLayers = 2;
        private int fusionHeads = 4;
        private float dropout = 0.1f;
        private float clubLearningRate = 1e-3f;
        private RegressionLoss.Kind taskLoss = RegressionLoss.Kind.L1;
        private Modalities modalities = Modalities.ALL;

        private Builder() {}

        public Builder optFeatureDim(int featureDim) {
            this.featureDim = featureDim;
            return this;
        }

        public Builder optLstmHidden(int lstmHidden) {
            this.lstmHidden = lstmHidden;
            return this;
        }

        public Builder optTokens(Tokens tokens) {
            this.tokens = tokens;
            return this;
        }

        public Builder optIdentityEmbedding(boolean identityEmbedding) {
            this.identityEmbedding = identityEmbedding;
            return this;
        }

        public Builder optCritic(MiCriticBlock.Kind critic) {
            this.critic = critic;
            return this;
        }

        public Builder optTemperature(float temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder optMinimizer(Minimizer minimizer) {
            this.minimizer = minimizer;
            return this;
        }

        public Builder optMiMaximization(boolean miMaximization) {
            this.miMaximization = miMaximization;
            return this;
        }

        public Builder optAlpha(float alpha) {
            this.alpha = alpha;
            return this;
        }

        public Builder optBeta(float beta) {
            this.beta = beta;
            return this;
        }

        public Builder optFusionLayers(int fusionLayers) {
            this.fusionLayers = fusionLayers;
            return this;
        }

        public Builder optFusionHeads(int fusionHeads) {
            this.fusionHeads = fusionHeads;
            return this;
        }

        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        public Builder optClubLearningRate(float clubLearningRate) {
            this.clubLearningRate = clubLearningRate;
            return this;
        }

        public Builder optTaskLoss(RegressionLoss.Kind taskLoss) {
            this.taskLoss = taskLoss;
            return this;
        }

        public Builder optModalities(Modalities modalities) {
            this.modalities = modalities;
            return this;
        }

        /** The config; an invalid setting is an {@link IllegalArgumentException} naming it. */
        public MmmieConfig build() {
            return new MmmieConfig(
                    featureDim,
                    lstmHidden,
                    tokens,
                    identityEmbedding,
                    critic,
                    temperature,
                    minimizer,
                    miMaximization,
                    alpha,
                    beta,
                    fusionLayers,
                    fusionHeads,
                    dropout,
                    clubLearningRate,
                    taskLoss,
                    modalities);
        }
    }
}
