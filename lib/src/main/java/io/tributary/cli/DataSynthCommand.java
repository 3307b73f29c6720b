package io.tributary.cli;

import io.tributary.bert.WordPieceTokenizer;
import io.tributary.core.Checksums;
import io.tributary.core.InputException;
import io.tributary.core.Json;
import io.tributary.data.MultimodalSplit;
import io.tributary.data.SyntheticData;
import io.tributary.data.pickle.MmsaPickleWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./msa data synth}: generates the seeded synthetic corpus ({@link SyntheticData}) with a
 * BERT folder's vocabulary, writes it as an MMSA pickle ({@link MmsaPickleWriter}) and prints a
 * one-line JSON summary: the file, its SHA-256 and the samples per split.
 */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        description = {
            "Generate the synthetic corpus (400 / 100 / 100 samples; label = 1.5 x text sentiment"
                    + " + 1.2 x the acoustic signal, or the text's alone) and write it as an MMSA"
                    + " pickle."
        })
final class DataSynthCommand implements Callable<Integer> {

    /** Which nonverbal stream carries part of the label. */
    enum Informative {
        ACOUSTIC,
        NONE
    }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE.pkl", description = "Output.")
    Path out;

    @Option(names = "--seed", defaultValue = "1111", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--informative",
            defaultValue = "acoustic",
            paramLabel = "acoustic|none",
            description =
                    "acoustic: the label depends on the acoustic stream; none: both nonverbal"
                            + " streams are noise. Default: ${DEFAULT-VALUE}.")
    String informative;

    @Option(
            names = "--layout",
            defaultValue = "aligned",
            paramLabel = "aligned|unaligned",
            description =
                    "aligned: one audio and visual frame per text position, no lengths keys (as"
                            + " MMSA's aligned_50.pkl); unaligned: 20 frames with audio_lengths and"
                            + " vision_lengths (as unaligned_50.pkl). Default: ${DEFAULT-VALUE}.")
    String layout;

    @Option(
            names = "--bert",
            defaultValue = "datasets/bert-tiny",
            paramLabel = "DIR",
            description =
                    "BERT folder whose vocab.txt the words come from. Default: ${DEFAULT-VALUE}.")
    Path bert;

    @Override
    public Integer call() {
        Informative stream = choice("--informative", informative, Informative.class);
        MmsaPickleWriter.Layout frames = choice("--layout", layout, MmsaPickleWriter.Layout.class);
        SyntheticData generator =
                stream == Informative.ACOUSTIC
                        ? SyntheticData.acousticInformative(seed)
                        : SyntheticData.nonverbalNoise(seed);
        generator =
                generator.toBuilder()
                        .optWordAligned(frames == MmsaPickleWriter.Layout.ALIGNED)
                        .build();
        List<String> vocabulary = WordPieceTokenizer.vocabulary(bert.resolve("vocab.txt"));
        Map<String, MultimodalSplit> splits;
        try {
            splits = generator.generate(vocabulary);
        } catch (IllegalArgumentException e) {
            throw new InputException(
                    "--bert "
                            + bert
                            + ": expected a vocab.txt with the generator's words, but "
                            + e.getMessage());
        }
        try {
            MmsaPickleWriter.builder()
                    .setVocabulary(vocabulary)
                    .optLayout(frames)
                    .build()
                    .write(out, splits);
        } catch (UncheckedIOException e) {
            throw new InputException(
                    "--out " + out + ": expected a writable file, found " + e.getMessage(), e);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("path", out.toAbsolutePath().toString());
        summary.put("sha256", Checksums.sha256(out));
        Map<String, Integer> samples = new LinkedHashMap<>();
        splits.forEach((name, split) -> samples.put(name, split.size()));
        summary.put("samples", samples);
        summary.put("layout", layout.toLowerCase(Locale.ROOT));
        summary.put("informative", informative.toLowerCase(Locale.ROOT));
        summary.put("seed", seed);
        spec.commandLine().getOut().println(Json.gson().toJson(summary));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                option
                        + ": expected one of "
                        + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT)
                        + ", found '"
                        + value
                        + "'");
    }
}
