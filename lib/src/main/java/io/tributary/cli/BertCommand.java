package io.tributary.cli;

import io.tributary.bert.BertCheckpoint;
import io.tributary.bert.BertConfig;
import io.tributary.bert.WordPieceTokenizer;
import io.tributary.core.InputException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./msa bert ...}: BERT checkpoint utilities. */
@Command(
        name = "bert",
        mixinStandardHelpOptions = true,
        description = "BERT checkpoint utilities.",
        subcommands = {BertCommand.Init.class})
final class BertCommand {

    /** Sizes {@code init} can write. */
    enum Size {
        tiny,
        base
    }

    @Command(
            name = "init",
            mixinStandardHelpOptions = true,
            description = {
                "Write a randomly initialised BERT checkpoint folder (config.json,"
                        + " model.safetensors, vocab.txt) with the library's bundled vocabulary.",
                "For tests, quick runs and benchmarks; real work uses a pre-trained checkpoint."
            })
    static final class Init implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Option(names = "--out", required = true, description = "Folder to write.")
        Path out;

        @Option(
                names = "--size",
                defaultValue = "tiny",
                description =
                        "tiny (2 layers, width 32) or base (12 x 768). Default: ${DEFAULT-VALUE}.")
        Size size;

        @Option(names = "--seed", defaultValue = "1111", description = "Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(
                names = "--init-std",
                paramLabel = "STD",
                description =
                        "Std of the normal initial weights (initializer_range). Default: 0.02, as"
                                + " BERT's; 0.2 gives weights as large as a small model trained"
                                + " from scratch, such as the reference fixture's.")
        Double initStd;

        @Override
        public Integer call() {
            BertConfig config = size == Size.base ? BertConfig.base() : BertConfig.tiny();
            if (initStd != null) {
                if (!(initStd > 0) || Double.isInfinite(initStd)) {
                    throw new InputException(
                            "--init-std: expected a positive finite number, found " + initStd);
                }
                config = config.withInitializerRange(initStd.floatValue());
            }
            BertCheckpoint.writeRandom(config, WordPieceTokenizer.bundledVocabulary(), seed, out);
            spec.commandLine().getOut().println("{\"written\": \"" + out + "\"}");
            return 0;
        }
    }
}
