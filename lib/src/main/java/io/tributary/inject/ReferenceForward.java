package io.tributary.inject;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.google.gson.annotations.SerializedName;
import io.tributary.core.Choices;
import io.tributary.core.InputException;
import io.tributary.loss.CrossModalMarginLoss;
import io.tributary.loss.CrossModalMatchingLoss;
import io.tributary.tensors.BlockParameters;
import io.tributary.tensors.SafetensorsFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One block or loss of DESIGN.md sections 1 and 2, run in eval mode on the weights and inputs of a
 * safetensors file laid out as the reference fixtures ({@code shared/fixtures/inject} and {@code
 * mag}) lay them out; its outputs are named as those files name them. Every name read and written
 * starts with a prefix (empty, or {@code beta1.0.} for a MAG fixture). What {@code ./msa forward}
 * runs.
 *
 * <pre>
 * injection-branch  weights  branch.{Wq.weight, Wk.*, u.weight, Wv.*, ffn.0.*, ffn.3.*} and the
 *                            gate's branch.{w, b} (similarity) or branch.Wg.* (learned)
 *                   inputs   branch.input.h (B, T, d), branch.input.M (B, J, d)
 *                   outputs  branch.output.attention (B, T, J), branch.output.gate (B, T),
 *                            branch.output.gated_x (B, T, d)
 * alignment-losses  inputs   loss.input.z_l, loss.input.z_a, loss.input.z_v (B, d)
 *                   outputs  loss.output.matching (1), loss.output.margin (1), with gradients
 *                            loss.grad.z_a, loss.grad.z_v (B, d) of L_match + L_margin
 * mag               weights  W_hv.*, W_ha.*, W_v.*, W_a.*, LayerNorm.*
 *                   inputs   input.text_embedding (B, T, d), input.visual (B, T, d_v),
 *                            input.acoustic (B, T, d_a)
 *                   outputs  output (B, T, d)
 * </pre>
 *
 * The widths d, d_v and d_a are read from the weights ({@code branch.Wq.weight} is (d_att, d),
 * {@code W_v.weight} (d, d_v), {@code W_a.weight} (d, d_a)); the other settings come from an {@link
 * InjectionConfig}, of which each block reads {@link Kind#settings()}. A missing tensor or a shape
 * other than the block expects is an {@link InputException} naming the tensor, the expected and the
 * found shape.
 */
public final class ReferenceForward {

    /** The blocks this runs, by the names {@code --block} takes. */
    public enum Kind {
        @SerializedName("injection-branch")
        INJECTION_BRANCH(List.of("attention_dim", "branch_ff", "gate")),
        @SerializedName("alignment-losses")
        ALIGNMENT_LOSSES(List.of("gamma")),
        @SerializedName("mag")
        MAG(List.of("beta_shift"));

        private final List<String> settings;

        Kind(List<String> settings) {
            this.settings = settings;
        }

        /** The settings of {@link InjectionConfig} the block reads, by their snake_case names. */
        public List<String> settings() {
            return settings;
        }
    }

    private ReferenceForward() {}

    /**
     * The fixture's name of the injection branch's parameter {@code name}: the fixture keeps the
     * attention's and the gate's parameters flat ({@code attention.Wq.weight} is {@code
     * branch.Wq.weight}).
     */
    public static String branchKey(String name) {
        return "branch." + name.replaceFirst("^(attention|gate)\\.", "");
    }

    /**
     * Runs {@code block} on {@code file}'s tensors named with {@code prefix}; with {@code
     * gradients} (the alignment losses only) also the gradients of the inputs. The outputs, by
     * name, are arrays of {@code manager}.
     */
    public static Map<String, NDArray> run(
            Kind block,
            SafetensorsFile file,
            String prefix,
            InjectionConfig settings,
            boolean gradients,
            NDManager manager) {
        if (gradients && block != Kind.ALIGNMENT_LOSSES) {
            throw new InputException(
                    "--grad: only block alignment-losses has gradients, found block "
                            + Choices.name(block));
        }
        Tensors tensors = new Tensors(file, prefix, manager);
        return switch (block) {
            case INJECTION_BRANCH -> injectionBranch(tensors, settings);
            case ALIGNMENT_LOSSES -> alignmentLosses(tensors, settings, gradients);
            case MAG -> mag(tensors, settings);
        };
    }

    private static Map<String, NDArray> injectionBranch(Tensors in, InjectionConfig settings) {
        long d = in.shape("branch.Wq.weight", "d_att", "d")[1];
        NDArray h = in.array("branch.input.h", "B T d", -1, -1, d); // (B, T, d)
        long b = h.getShape().get(0);
        NDArray m = in.array("branch.input.M", "B J d", b, -1, d); // (B, J, d)
        InjectionBranchBlock branch =
                InjectionBranchBlock.builder()
                        .setHiddenSize(d)
                        .optAttentionDim(settings.attentionDim())
                        .optFeedForwardSize(settings.branchFf() == 0 ? d : settings.branchFf())
                        .optGate(settings.gate())
                        .build();
        branch.initialize(in.manager(), DataType.FLOAT32, h.getShape(), m.getShape());
        BlockParameters.load(branch, in.file(), name -> in.prefix() + branchKey(name));
        NDList out =
                branch.forward(new ParameterStore(in.manager(), false), new NDList(h, m), false);
        return in.named(
                Map.of(
                        "branch.output.attention", out.get(3), // (B, T, J)
                        "branch.output.gate", out.get(2), // (B, T)
                        "branch.output.gated_x", out.get(0))); // (B, T, d)
    }

    private static Map<String, NDArray> alignmentLosses(
            Tensors in, InjectionConfig settings, boolean gradients) {
        NDArray zl = in.array("loss.input.z_l", "B d", -1, -1); // (B, d)
        long b = zl.getShape().get(0);
        long d = zl.getShape().get(1);
        NDArray za = in.array("loss.input.z_a", "B d", b, d); // (B, d)
        NDArray zv = in.array("loss.input.z_v", "B d", b, d); // (B, d)
        NDList predictions = new NDList(zl.zerosLike(), zl, za, zv);
        NDList labels = new NDList(zl.zerosLike());
        Map<String, NDArray> out = new LinkedHashMap<>();
        try (GradientCollector collector = in.manager().getEngine().newGradientCollector()) {
            if (gradients) {
                za.setRequiresGradient(true);
                zv.setRequiresGradient(true);
            }
            NDArray matching = new CrossModalMatchingLoss().evaluate(labels, predictions); // ()
            NDArray margin =
                    new CrossModalMarginLoss("margin", 1f, settings.gamma())
                            .evaluate(labels, predictions); // ()
            out.put("loss.output.matching", matching.reshape(1));
            out.put("loss.output.margin", margin.reshape(1));
            if (gradients) {
                collector.backward(matching.add(margin));
            }
        }
        if (gradients) {
            out.put("loss.grad.z_a", za.getGradient()); // (B, d)
            out.put("loss.grad.z_v", zv.getGradient()); // (B, d)
        }
        return in.named(out);
    }

    private static Map<String, NDArray> mag(Tensors in, InjectionConfig settings) {
        long[] wv = in.shape("W_v.weight", "d", "d_v");
        long d = wv[0];
        long da = in.shape("W_a.weight", "d", "d_a")[1];
        NDArray e = in.array("input.text_embedding", "B T d", -1, -1, d); // (B, T, d)
        long b = e.getShape().get(0);
        long t = e.getShape().get(1);
        NDArray v = in.array("input.visual", "B T d_v", b, t, wv[1]); // (B, T, d_v)
        NDArray a = in.array("input.acoustic", "B T d_a", b, t, da); // (B, T, d_a)
        MagBlock magBlock =
                MagBlock.builder().setHiddenSize(d).optBetaShift(settings.betaShift()).build();
        magBlock.initialize(
                in.manager(), DataType.FLOAT32, e.getShape(), v.getShape(), a.getShape());
        BlockParameters.load(magBlock, in.file(), name -> in.prefix() + name);
        NDList out =
                magBlock.forward(
                        new ParameterStore(in.manager(), false), new NDList(e, v, a), false);
        return in.named(Map.of("output", out.head())); // (B, T, d)
    }

    /** The file's tensors under a prefix, their shapes checked as they are read. */
    private record Tensors(SafetensorsFile file, String prefix, NDManager manager) {

        /** The shape of {@code key}, checked to have as many dimensions as {@code letters}. */
        long[] shape(String key, String... letters) {
            long[] found = file.entry(prefix + key).shape();
            if (found.length != letters.length) {
                throw wrongShape(key, found, "(" + String.join(", ", letters) + ")");
            }
            return found;
        }

        /**
         * The tensor {@code key}, checked to have the shape {@code sizes}, whose dimensions are
         * named by {@code letters} (space-separated); a size of -1 is free.
         */
        NDArray array(String key, String letters, long... sizes) {
            String[] names = letters.split(" ");
            long[] found = file.entry(prefix + key).shape();
            boolean agrees = found.length == sizes.length;
            StringJoiner expected = new StringJoiner(", ", "(", ")");
            for (int i = 0; i < sizes.length; i++) {
                expected.add(sizes[i] < 0 ? names[i] : Long.toString(sizes[i]));
                agrees &= sizes[i] < 0 || (i < found.length && found[i] == sizes[i]);
            }
            if (!agrees) {
                throw wrongShape(key, found, expected.toString());
            }
            return manager.create(file.floats(prefix + key), new Shape(found));
        }

        /** The outputs under the prefix. */
        Map<String, NDArray> named(Map<String, NDArray> outputs) {
            Map<String, NDArray> named = new LinkedHashMap<>();
            outputs.forEach((name, array) -> named.put(prefix + name, array));
            return named;
        }

        private InputException wrongShape(String key, long[] found, String expected) {
            return new InputException(
                    String.format(
                            "%s: tensor '%s' has shape %s, expected %s",
                            file.file(), prefix + key, SafetensorsFile.shapeText(found), expected));
        }
    }
}
