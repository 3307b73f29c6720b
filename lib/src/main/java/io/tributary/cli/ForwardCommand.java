package io.tributary.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.tributary.core.Choices;
import io.tributary.core.InputException;
import io.tributary.inject.InjectionConfig;
import io.tributary.inject.ReferenceForward;
import io.tributary.tensors.SafetensorsFile;
import io.tributary.tensors.SafetensorsWriter;
import io.tributary.train.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./msa forward}: one block or loss, in eval mode, on the weights and inputs of a file. */
@Command(
        name = "forward",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one block or loss in eval mode on the weights and inputs of a safetensors file"
                    + " named as the reference fixtures name them (shared/fixtures/inject, mag),"
                    + " and writes its outputs under the fixtures' names.",
            "Settings: injection-branch takes attention_dim, branch_ff, gate; alignment-losses"
                    + " gamma; mag beta_shift. The width d is read from the weights."
        })
final class ForwardCommand implements Callable<Integer> {

    @Option(
            names = "--block",
            required = true,
            description = "injection-branch, alignment-losses or mag.")
    String block;

    @Option(names = "--in", required = true, description = "The weights and inputs.")
    Path in;

    @Option(
            names = "--prefix",
            defaultValue = "",
            description = "Starts every name read and written, e.g. beta1.0. (default: none).")
    String prefix;

    @Option(
            names = "--set",
            description = "key=value: a setting of the block; repeatable.",
            paramLabel = "KEY=VALUE")
    List<String> sets = List.of();

    @Option(
            names = "--grad",
            description =
                    "alignment-losses only: also the gradients loss.grad.z_a, loss.grad.z_v of"
                            + " L_match + L_margin.")
    boolean gradients;

    @Option(names = "--out", required = true, description = "The outputs, as safetensors.")
    Path out;

    @Override
    public Integer call() {
        ReferenceForward.Kind kind = parseBlock();
        InjectionConfig settings = Settings.forBlock("block " + block, kind.settings(), sets);
        SafetensorsFile file = SafetensorsFile.open(in);
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> outputs =
                    ReferenceForward.run(kind, file, prefix, settings, gradients, manager);
            SafetensorsWriter.write(out, outputs, Map.of("format", "pt"));
        }
        return 0;
    }

    private ReferenceForward.Kind parseBlock() {
        try {
            return Choices.parse("--block", block, ReferenceForward.Kind.class);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
    }
}
