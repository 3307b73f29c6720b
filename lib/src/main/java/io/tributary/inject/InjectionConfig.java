package io.tributary.inject;

import io.tributary.core.ConfigChecks;
import io.tributary.nn.ModelConfig;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Everything that shapes a model of this family: the gated injection model and the baselines that
 * share its code (text-only BERT, MAG-BERT). Every reconstructed choice of DESIGN.md sections 1 and
 * 2 is a field with its default; written as JSON beside every result.
 *
 * @param model {@code injection} (default), {@code text} (no nonverbal branch) or {@code mag}
 * @param nonverbalHidden LSTM width of the acoustic and visual encoders (128)
 * @param compress {@code last} (one key per modality, default) or {@code sequence} (every frame)
 * @param attentionDim d_att of the additive attention (128)
 * @param branchFf d_ff of the branch FFN; 0 means d (default)
 * @param gate {@code similarity} (default), {@code learned} or {@code none}
 * @param injection {@code parallel} (default) or {@code sequential}
 * @param injectedLayers indices of the BERT layers that get a branch; empty means all (default)
 * @param dropout of the head and the branch FFN (0.1)
 * @param betaShift MAG's beta_shift (1)
 * @param magDropout MAG's dropout (0.5)
 * @param taskLoss {@code l1} (default) or {@code mse}
 * @param alignmentLoss {@code margin} (L_match and L_margin, default), {@code contrastive}
 *     (InfoNCE) or {@code none}
 * @param lambdaMatch weight of L_match (0.1)
 * @param lambdaMargin weight of L_margin (0.1)
 * @param gamma margin of L_margin (0.2)
 * @param lambdaContrastive weight of the InfoNCE alternative (0.1)
 */
public record InjectionConfig(
        String model,
        int nonverbalHidden,
        String compress,
        int attentionDim,
        int branchFf,
        String gate,
        String injection,
        List<Integer> injectedLayers,
        float dropout,
        float betaShift,
        float magDropout,
        String taskLoss,
        String alignmentLoss,
        float lambdaMatch,
        float lambdaMargin,
        float gamma,
        float lambdaContrastive)
        implements ModelConfig {

    /** The family of the injection model and of the baselines that share its code. */
    public static final String FAMILY = "injection";

    public static InjectionConfig defaults() {
        return new InjectionConfig(
                "injection",
                128,
                "last",
                128,
                0,
                "similarity",
                "parallel",
                List.of(),
                0.1f,
                1f,
                0.5f,
                "l1",
                "margin",
                0.1f,
                0.1f,
                0.2f,
                0.1f);
    }

    /** Checks every field; the message names the setting, what it allows and what it found. */
    public InjectionConfig {
        ConfigChecks.oneOf("model", model, List.of("injection", "text", "mag"));
        ConfigChecks.oneOf("compress", compress, List.of("last", "sequence"));
        ConfigChecks.oneOf("gate", gate, List.of("similarity", "learned", "none"));
        ConfigChecks.oneOf("injection", injection, List.of("parallel", "sequential"));
        ConfigChecks.oneOf("task_loss", taskLoss, List.of("l1", "mse"));
        ConfigChecks.oneOf(
                "alignment_loss", alignmentLoss, List.of("margin", "contrastive", "none"));
        ConfigChecks.positive("nonverbal_hidden", nonverbalHidden);
        ConfigChecks.positive("attention_dim", attentionDim);
        if (branchFf < 0) {
            throw new IllegalArgumentException(
                    "branch_ff: expected 0 (= d) or more, found " + branchFf);
        }
        injectedLayers = injectedLayers == null ? List.of() : List.copyOf(injectedLayers);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    /** The layer indices that get a branch, for a BERT of {@code layers} layers. */
    public List<Integer> injectedLayers(int layers) {
        if (injectedLayers.isEmpty()) {
            return IntStream.range(0, layers).boxed().toList();
        }
        for (int k : injectedLayers) {
            if (k < 0 || k >= layers) {
                throw new IllegalArgumentException(
                        "injected_layers: expected indices 0 to " + (layers - 1) + ", found " + k);
            }
        }
        return injectedLayers;
    }
}
