package io.tributary.cli;

import io.tributary.bert.BertFeatures;
import io.tributary.core.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./msa encode}: BERT features of some texts, as one JSON object on stdout. */
@Command(
        name = "encode",
        mixinStandardHelpOptions = true,
        description = {
            "Encode texts with a BERT checkpoint folder (config.json, model.safetensors, vocab.txt"
                    + " or tokenizer.json).",
            "Prints {tokens, input_ids, attention_mask, last_hidden_state [B][T][H],"
                    + " pooler_output [B][H]}."
        })
final class EncodeCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, description = "Checkpoint folder.")
    Path model;

    @Option(
            names = "--max-length",
            defaultValue = "50",
            description =
                    "Pad or truncate to this many tokens, [CLS] and [SEP] included (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(
            names = "--text",
            required = true,
            description = "A text to encode; repeat for a batch.")
    List<String> texts;

    @Override
    public Integer call() {
        BertFeatures features = BertFeatures.extract(model, texts, maxLength);
        Json.gson().toJson(features, spec.commandLine().getOut());
        spec.commandLine().getOut().println();
        spec.commandLine().getOut().flush();
        return 0;
    }
}
