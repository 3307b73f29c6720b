package io.tributary.cli;

import io.tributary.core.InputException;
import io.tributary.core.Json;
import io.tributary.data.sdk.Alignment;
import io.tributary.data.sdk.AlignmentJson;
import io.tributary.data.sdk.SdkAligner;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./msa data align}: aligns CMU-MultimodalSDK computational sequences to their labelled
 * segments ({@link SdkAligner}), writes {@code segment -> {label, words, acoustic, visual}} as JSON
 * and prints a one-line JSON summary.
 */
@Command(
        name = "align",
        mixinStandardHelpOptions = true,
        description = {
            "Align acoustic and visual .csd sequences to a label .csd by averaging the frames that"
                    + " overlap each labelled segment (or each of its words), and write JSON:"
                    + " <video>[k] -> {label, words, acoustic, visual}."
        })
final class DataAlignCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--words", required = true, paramLabel = "W.csd", description = "Words.")
    Path words;

    @Option(
            names = "--acoustic",
            required = true,
            paramLabel = "A.csd",
            description = "Acoustic frames (e.g. COVAREP).")
    Path acoustic;

    @Option(
            names = "--visual",
            required = true,
            paramLabel = "V.csd",
            description = "Visual frames (e.g. FACET).")
    Path visual;

    @Option(
            names = "--labels",
            required = true,
            paramLabel = "L.csd",
            description = "Labelled segments (e.g. Opinion Segment Labels).")
    Path labels;

    @Option(
            names = "--level",
            defaultValue = "segment",
            paramLabel = "segment|word",
            converter = LevelConverter.class,
            description =
                    "segment: one averaged frame per segment; word: one per word (MAG-BERT)."
                            + " Default: ${DEFAULT-VALUE}.")
    SdkAligner.Level level;

    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "Output.")
    Path out;

    @Override
    public Integer call() {
        Alignment alignment =
                SdkAligner.builder()
                        .setWords(words)
                        .setAcoustic(acoustic)
                        .setVisual(visual)
                        .setLabels(labels)
                        .optLevel(level)
                        .build()
                        .align();
        try {
            AlignmentJson.write(out, alignment.segments());
        } catch (UncheckedIOException e) {
            throw new InputException(
                    "--out " + out + ": expected a writable file, found " + e.getMessage(), e);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("segments", alignment.segments().size());
        summary.put("videos", alignment.videos().size());
        summary.put("skipped_videos", alignment.skippedVideos());
        summary.put("zero_acoustic_frames", alignment.zeroAcoustic());
        summary.put("zero_visual_frames", alignment.zeroVisual());
        summary.put("level", alignment.level().toString());
        summary.put("out", out.toAbsolutePath().toString());
        spec.commandLine().getOut().println(Json.gson().toJson(summary));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** {@code segment} or {@code word}, in any case. */
    static final class LevelConverter implements CommandLine.ITypeConverter<SdkAligner.Level> {
        @Override
        public SdkAligner.Level convert(String value) {
            try {
                return SdkAligner.Level.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
