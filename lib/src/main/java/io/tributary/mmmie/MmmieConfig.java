package io.tributary.mmmie;

import io.tributary.core.ConfigChecks;
import io.tributary.nn.ModelConfig;
import java.util.List;

/**
 * Everything that shapes an MMMIE model and its objective (DESIGN.md section 3). Every
 * reconstructed choice is a field with its default; written as JSON beside every result. Error
 * messages name a setting by its snake_case name, the one the command line and the JSON use.
 *
 * @param featureDim d', the width of u_m, of the fusion encoder and of the critics (128)
 * @param lstmHidden width per direction of the acoustic and visual BiLSTMs (64)
 * @param tokens {@code vector} (default: one token per modality) or {@code sequence} (one token per
 *     valid step)
 * @param identityEmbedding whether e_m (and p_m,k in sequence mode) are added before fusion (true;
 *     false is the ablation e_m = 0)
 * @param critic {@code projected-cosine} (default: cos(P x, Q y) / tau) or {@code bilinear} (x^T W
 *     y)
 * @param temperature tau of the projected-cosine critic (0.1)
 * @param minimizer MI minimisation between input and features: {@code vib} (default), {@code club}
 *     or {@code none}
 * @param miMaximization whether the pairwise InfoNCE terms are trained (true; false is alpha = 0,
 *     and the model then has no critics)
 * @param alpha weight of L_max = sum_pairs NCE (0.1)
 * @param beta weight of L_min (1e-3)
 * @param fusionLayers post-LN layers of the fusion encoder (2)
 * @param fusionHeads attention heads of the fusion encoder (4)
 * @param dropout of the fusion encoder and before the head (0.1)
 * @param clubLearningRate learning rate of the CLUB estimator's own Adam (1e-3)
 * @param taskLoss L_task for regression: {@code l1} (default) or {@code mse}
 */
public record MmmieConfig(
        int featureDim,
        int lstmHidden,
        String tokens,
        boolean identityEmbedding,
        String critic,
        float temperature,
        String minimizer,
        boolean miMaximization,
        float alpha,
        float beta,
        int fusionLayers,
        int fusionHeads,
        float dropout,
        float clubLearningRate,
        String taskLoss)
        implements ModelConfig {

    /** MMMIE is a family of one model. */
    public static final String FAMILY = "mmmie";

    /** The defaults of DESIGN.md section 3. */
    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public String model() {
        return FAMILY;
    }

    public static MmmieConfig defaults() {
        return new MmmieConfig(
                128,
                64,
                "vector",
                true,
                "projected-cosine",
                0.1f,
                "vib",
                true,
                0.1f,
                1e-3f,
                2,
                4,
                0.1f,
                1e-3f,
                "l1");
    }

    /** Checks every field; the message names the setting, what it allows and what it found. */
    public MmmieConfig {
        ConfigChecks.oneOf("tokens", tokens, List.of("vector", "sequence"));
        ConfigChecks.oneOf("critic", critic, List.of("projected-cosine", "bilinear"));
        ConfigChecks.oneOf("minimizer", minimizer, List.of("vib", "club", "none"));
        ConfigChecks.oneOf("task_loss", taskLoss, List.of("l1", "mse"));
        ConfigChecks.positive("feature_dim", featureDim);
        ConfigChecks.positive("lstm_hidden", lstmHidden);
        ConfigChecks.positive("fusion_layers", fusionLayers);
        ConfigChecks.positive("fusion_heads", fusionHeads);
        if (featureDim % fusionHeads != 0) {
            throw new IllegalArgumentException(
                    "feature_dim: expected a multiple of fusion_heads "
                            + fusionHeads
                            + ", found "
                            + featureDim);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException(
                    "temperature: expected a positive number, found " + temperature);
        }
        atLeastZero("alpha", alpha);
        atLeastZero("beta", beta);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(
                    "dropout: expected a number in [0, 1), found " + dropout);
        }
        if (!(clubLearningRate > 0)) {
            throw new IllegalArgumentException(
                    "club_learning_rate: expected a positive number, found " + clubLearningRate);
        }
    }

    /** Whether the model feeds the fusion encoder one token per valid step. */
    public boolean sequenceTokens() {
        return tokens.equals("sequence");
    }

    /** The weight of L_max in L: alpha, or 0 without MI maximisation. */
    public float maxWeight() {
        return miMaximization ? alpha : 0f;
    }

    /** The weight of L_min in L: beta, or 0 without a minimiser. */
    public float minWeight() {
        return minimizer.equals("none") ? 0f : beta;
    }

    private static void atLeastZero(String name, float value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + ": expected 0 or more, found " + value);
        }
    }
}
