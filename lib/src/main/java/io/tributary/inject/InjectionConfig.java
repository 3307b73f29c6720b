package io.tributary.inject;

import static io.tributary.nn.ModelKind.INJECTION;
import static io.tributary.nn.ModelKind.MAG;
import static io.tributary.nn.ModelKind.TEXT;

import com.google.gson.annotations.SerializedName;
import io.tributary.core.Choices;
import io.tributary.core.ConfigChecks;
import io.tributary.loss.RegressionLoss;
import io.tributary.nn.Modalities;
import io.tributary.nn.ModelConfig;
import io.tributary.nn.ModelKind;
import io.tributary.nn.Setting;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Everything that shapes a model of this family: the gated injection model and the baselines that
 * share its code (text-only BERT, MAG-BERT). Every reconstructed choice of DESIGN.md sections 1 and
 * 2 is a component: its {@link Setting} says what it is and which of the three models use it, the
 * {@link Builder} holds its default. Written as JSON beside every result.
 *
 * @param model {@code injection}, {@code text} (no nonverbal branch) or {@code mag}; set by {@code
 *     --model}
 */
public record InjectionConfig(
        ModelKind model,
        @Setting(value = "LSTM width of the acoustic and visual encoders", models = INJECTION)
                int nonverbalHidden,
        @Setting(
                        value =
                                "last: one key per modality, its encoder at the last valid frame;"
                                        + " sequence: every frame a key",
                        models = INJECTION)
                Compress compress,
        @Setting(value = "d_att of the branch's additive attention", models = INJECTION)
                int attentionDim,
        @Setting(value = "d_ff of the branch's feed-forward network; 0 means d", models = INJECTION)
                int branchFf,
        @Setting(
                        value =
                                "the gate g on the injected X: similarity, sigmoid(w cos(h, x) +"
                                        + " b); learned, sigmoid(W_g [h; x] + b_g), one per"
                                        + " dimension; none, g = 1",
                        models = INJECTION)
                GateBlock.Kind gate,
        @Setting(
                        value =
                                "parallel: g X is added to the output of its BERT layer;"
                                        + " sequential: to its input",
                        models = INJECTION)
                Injection injection,
        @Setting(
                        value =
                                "the BERT layers that get a branch, from 0, e.g. 0,1 (each once,"
                                        + " kept sorted); empty: every layer",
                        models = INJECTION)
                List<Integer> injectedLayers,
        @Setting("dropout before the head, and in the branch's feed-forward network") float dropout,
        @Setting(value = "MAG's beta_shift, the bound on the shift's norm", models = MAG)
                float betaShift,
        @Setting(value = "MAG's dropout", models = MAG) float magDropout,
        @Setting("L_task for regression; classification uses cross-entropy")
                RegressionLoss.Kind taskLoss,
        @Setting(
                        value =
                                "margin: L_match and L_margin; contrastive: InfoNCE between z_l"
                                        + " and z_m; none",
                        models = INJECTION)
                AlignmentLoss alignmentLoss,
        @Setting(value = "weight of L_match", models = INJECTION) float lambdaMatch,
        @Setting(value = "weight of L_margin", models = INJECTION) float lambdaMargin,
        @Setting(value = "margin gamma of L_margin", models = INJECTION) float gamma,
        @Setting(value = "weight of the InfoNCE alternative", models = INJECTION)
                float lambdaContrastive,
        @Setting(
                        value =
                                "the streams the model reads; one left out has no encoder, key or"
                                        + " term (injection) or no term in the shift (mag)",
                        models = {INJECTION, MAG})
                Modalities modalities)
        implements ModelConfig {

    /** The family of the injection model and of the baselines that share its code. */
    public static final String FAMILY = "injection";

    /** The models this record configures. */
    public static final List<ModelKind> MODELS = List.of(INJECTION, TEXT, MAG);

    /** What keys the branches attend over. */
    public enum Compress {
        @SerializedName("last")
        LAST,
        @SerializedName("sequence")
        SEQUENCE
    }

    /** Where the gated branch enters its layer. */
    public enum Injection {
        @SerializedName("parallel")
        PARALLEL,
        @SerializedName("sequential")
        SEQUENTIAL
    }

    /** The representation losses beside L_task. */
    public enum AlignmentLoss {
        @SerializedName("margin")
        MARGIN,
        @SerializedName("contrastive")
        CONTRASTIVE,
        @SerializedName("none")
        NONE
    }

    /**
     * Checks every field; the message names the setting, what it allows and what it found. The
     * injected layers are kept sorted; their range is checked against a BERT by {@link
     * #injectedLayers(int)}.
     */
    public InjectionConfig {
        if (!MODELS.contains(model)) {
            throw new IllegalArgumentException(
                    "model: expected one of "
                            + MODELS.stream().map(Choices::name).toList()
                            + ", found "
                            + (model == null ? "nothing" : Choices.name(model)));
        }
        ConfigChecks.positive("nonverbal_hidden", nonverbalHidden);
        ConfigChecks.chosen("compress", compress, Compress.class);
        ConfigChecks.positive("attention_dim", attentionDim);
        if (branchFf < 0) {
            throw new IllegalArgumentException(
                    "branch_ff: expected 0 (= d) or more, found " + branchFf);
        }
        ConfigChecks.chosen("gate", gate, GateBlock.Kind.class);
        ConfigChecks.chosen("injection", injection, Injection.class);
        injectedLayers = sortedOnce(injectedLayers == null ? List.of() : injectedLayers);
        ConfigChecks.fraction("dropout", dropout);
        ConfigChecks.positive("beta_shift", betaShift);
        ConfigChecks.fraction("mag_dropout", magDropout);
        ConfigChecks.chosen("task_loss", taskLoss, RegressionLoss.Kind.class);
        ConfigChecks.chosen("alignment_loss", alignmentLoss, AlignmentLoss.class);
        ConfigChecks.atLeastZero("lambda_match", lambdaMatch);
        ConfigChecks.atLeastZero("lambda_margin", lambdaMargin);
        ConfigChecks.atLeastZero("gamma", gamma);
        ConfigChecks.atLeastZero("lambda_contrastive", lambdaContrastive);
        modalities = modalities == null ? Modalities.ALL : modalities;
        if (model != TEXT && !modalities.nonverbal()) {
            throw new IllegalArgumentException(
                    "modalities: expected text and at least one of acoustic, visual for model "
                            + Choices.name(model)
                            + " (model text reads text alone), found "
                            + modalities);
        }
    }

    /**
     * J, the keys the branches attend over: one per nonverbal stream read ({@code compress =
     * last}), or each such stream's frames ({@code sequence}).
     */
    public long attentionKeys(long audioSteps, long visionSteps) {
        if (compress == Compress.LAST) {
            return modalities.nonverbalCount();
        }
        return (modalities.acoustic() ? audioSteps : 0) + (modalities.visual() ? visionSteps : 0);
    }

    /**
     * How many of the J keys are the acoustic stream's: they come first, the visual stream's after
     * them.
     */
    public long acousticKeys(long audioSteps) {
        if (!modalities.acoustic()) {
            return 0;
        }
        return compress == Compress.LAST ? 1 : audioSteps;
    }

    private static List<Integer> sortedOnce(List<Integer> layers) {
        TreeSet<Integer> sorted = new TreeSet<>();
        for (int k : layers) {
            if (k < 0) {
                throw new IllegalArgumentException(
                        "injected_layers: expected indices 0 or more, found " + k);
            }
            if (!sorted.add(k)) {
                throw new IllegalArgumentException(
                        "injected_layers: expected each layer once, found " + k + " twice");
            }
        }
        return List.copyOf(sorted);
    }

    public static InjectionConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String family() {
        return FAMILY;
    }

    /**
     * The layer indices that get a branch, ascending, for a BERT of {@code layers} layers; an index
     * outside it is an {@link IllegalArgumentException} naming {@code injected_layers}.
     */
    public List<Integer> injectedLayers(int layers) {
        if (injectedLayers.isEmpty()) {
            return IntStream.range(0, layers).boxed().toList();
        }
        int last = injectedLayers.get(injectedLayers.size() - 1);
        if (last >= layers) {
            throw new IllegalArgumentException(
                    String.format(
                            "injected_layers: expected indices 0 to %d (the BERT's %d layers),"
                                    + " found %d",
                            layers - 1, layers, last));
        }
        return injectedLayers;
    }

    /** The defaults of DESIGN.md sections 1 and 2; {@code optX} sets the setting of that name. */
    public static final class Builder {

        private ModelKind model = INJECTION;
        private int nonverbalHidden = 128;
        private Compress compress = Compress.LAST;
        private int attentionDim = 128;
        private int branchFf = 0;
        private GateBlock.Kind gate = GateBlock.Kind.SIMILARITY;
        private Injection injection = Injection.PARALLEL;
        private List<Integer> injectedLayers = List.of();
        private float dropout = 0.1f;
        private float betaShift = 1f;
        private float magDropout = 0.5f;
        private RegressionLoss.Kind taskLoss = RegressionLoss.Kind.L1;
        private AlignmentLoss alignmentLoss = AlignmentLoss.MARGIN;
        private float lambdaMatch = 0.1f;
        private float lambdaMargin = 0.1f;
        private float gamma = 0.2f;
        private float lambdaContrastive = 0.1f;
        private Modalities modalities = Modalities.ALL;

        private Builder() {}

        public Builder optModel(ModelKind model) {
            this.model = model;
            return this;
        }

        public Builder optNonverbalHidden(int nonverbalHidden) {
            this.nonverbalHidden = nonverbalHidden;
            return this;
        }

        public Builder optCompress(Compress compress) {
            this.compress = compress;
            return this;
        }

        public Builder optAttentionDim(int attentionDim) {
            this.attentionDim = attentionDim;
            return this;
        }

        public Builder optBranchFf(int branchFf) {
            this.branchFf = branchFf;
            return this;
        }

        public Builder optGate(GateBlock.Kind gate) {
            this.gate = gate;
            return this;
        }

        public Builder optInjection(Injection injection) {
            this.injection = injection;
            return this;
        }

        public Builder optInjectedLayers(int... injectedLayers) {
            this.injectedLayers = Arrays.stream(injectedLayers).boxed().toList();
            return this;
        }

        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        public Builder optBetaShift(float betaShift) {
            this.betaShift = betaShift;
            return this;
        }

        public Builder optMagDropout(float magDropout) {
            this.magDropout = magDropout;
            return this;
        }

        public Builder optTaskLoss(RegressionLoss.Kind taskLoss) {
            this.taskLoss = taskLoss;
            return this;
        }

        public Builder optAlignmentLoss(AlignmentLoss alignmentLoss) {
            this.alignmentLoss = alignmentLoss;
            return this;
        }

        public Builder optLambdaMatch(float lambdaMatch) {
            this.lambdaMatch = lambdaMatch;
            return this;
        }

        public Builder optLambdaMargin(float lambdaMargin) {
            this.lambdaMargin = lambdaMargin;
            return this;
        }

        public Builder optGamma(float gamma) {
            this.gamma = gamma;
            return this;
        }

        public Builder optLambdaContrastive(float lambdaContrastive) {
            this.lambdaContrastive = lambdaContrastive;
            return this;
        }

        public Builder optModalities(Modalities modalities) {
            this.modalities = modalities;
            return this;
        }

        /** The config; an invalid setting is an {@link IllegalArgumentException} naming it. */
        public InjectionConfig build() {
            return new InjectionConfig(
                    model,
                    nonverbalHidden,
                    compress,
                    attentionDim,
                    branchFf,
                    gate,
                    injection,
                    injectedLayers,
                    dropout,
                    betaShift,
                    magDropout,
                    taskLoss,
                    alignmentLoss,
                    lambdaMatch,
                    lambdaMargin,
                    gamma,
                    lambdaContrastive,
                    modalities);
        }
    }
}
