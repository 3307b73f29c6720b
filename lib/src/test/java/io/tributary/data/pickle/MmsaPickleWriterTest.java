package io.tributary.data.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.TestResources;
import io.tributary.bert.WordPieceTokenizer;
import io.tributary.data.FeatureSequences;
import io.tributary.data.MultimodalSplit;
import io.tributary.data.NonFinite;
import io.tributary.data.SyntheticData;
import io.tributary.data.TextTokenizer;
import io.tributary.data.TokenIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MmsaPickleWriterTest {

    private static final List<String> VOCABULARY = WordPieceTokenizer.bundledVocabulary();

    @TempDir Path dir;

    /** Every split reads back with the same ids, tokens, frames, lengths and labels. */
    @ParameterizedTest
    @EnumSource(MmsaPickleWriter.Layout.class)
    void roundTripGivesBackEverySample(MmsaPickleWriter.Layout layout) {
        Map<String, MultimodalSplit> written = corpus(layout, 7);
        Path file = write(layout, written);
        Map<String, MultimodalSplit> read =
                PickleInspector.readSplits(file, tokenizer(), 11, false);
        assertEquals(List.copyOf(written.keySet()), List.copyOf(read.keySet()));
        for (String name : written.keySet()) {
            MultimodalSplit want = written.get(name);
            MultimodalSplit got = read.get(name);
            assertArrayEquals(want.ids(), got.ids(), name);
            assertTokens(want.tokens(), got.tokens(), name);
            assertFrames(want.audio(), got.audio(), name + " audio");
            assertFrames(want.vision(), got.vision(), name + " vision");
            assertArrayEquals(want.labels(), got.labels(), name);
            assertEquals(NonFinite.NONE, got.nonFiniteReplaced().get("audio"), name);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The keys, in order, and their dtypes are those of MMSA's own files (the fixtures' summaries),
     * without {@code text}; the unaligned layout adds the lengths, the aligned one does not.
     */
    @ParameterizedTest
    @EnumSource(MmsaPickleWriter.Layout.class)
    void keysAndDtypesAreMmsas(MmsaPickleWriter.Layout layout) throws IOException {
        Path file = write(layout, corpus(layout, 3));
        String fixture = layout == MmsaPickleWriter.Layout.ALIGNED ? "aligned_50" : "unaligned_50";
        JsonObject want =
                JsonParser.parseString(
                                Files.readString(
                                        TestResources.path(
                                                "fixtures/mmsa/" + fixture + ".summary.json")))
                        .getAsJsonObject()
                        .getAsJsonObject("train");
        List<String> keys = new ArrayList<>(want.keySet());
        keys.remove("text");
        PickleSummary.Split got = PickleInspector.summarize(file).splits().get("train");
        assertEquals(keys, List.copyOf(got.keys().keySet()));
        for (String key : keys) {
            assertEquals(
                    want.getAsJsonArray(key).get(1).getAsString(),
                    got.keys().get(key).dtype(),
                    key);
            assertEquals(
                    want.getAsJsonArray(key).get(0).getAsJsonArray().size(),
                    got.keys().get(key).shape().length,
                    key);
        }
        assertArrayEquals(new long[] {40, 3, 11}, got.keys().get("text_bert").shape());
        assertEquals(
                layout == MmsaPickleWriter.Layout.UNALIGNED,
                got.keys().containsKey("audio_lengths"));
    }

    /** raw_text holds the words of the token ids, and re-tokenised it gives the same ids. */
    @Test
    void rawTextIsTheWordsOfTheTokenIds() {
        Map<String, MultimodalSplit> written = corpus(MmsaPickleWriter.Layout.UNALIGNED, 11);
        MmsaPickleReader reader =
                MmsaPickleReader.open(write(MmsaPickleWriter.Layout.UNALIGNED, written));
        TokenIds tokens = written.get("valid").tokens();
        String[] texts = ((NdArray) reader.keys("valid").get("raw_text")).toStrings();
        for (int i = 0; i < tokens.size(); i++) {
            List<String> words = new ArrayList<>();
            for (int t = 1; t < tokens.validLength(i) - 1; t++) {
                words.add(VOCABULARY.get(tokens.ids()[i][t]));
            }
            assertEquals(String.join(" ", words), texts[i]);
        }
        for (String name : MmsaPickleReader.SPLITS) {
            assertTokens(
                    written.get(name).tokens(),
                    reader.read(name, tokenizer(), 11).tokens(),
                    name + " re-tokenised");
        }
    }

    /** MMSA's classes: 0, 1, 2 and Negative, Neutral, Positive for labels below, at, above 0. */
    @Test
    void classificationLabelsAndAnnotationsFollowTheSign() {
        float[] labels = {-2.5f, 0f, -0f, 0.4f, 3f, -0.1f, 1f, 0f};
        MultimodalSplit split = split("train", labels);
        Map<String, MultimodalSplit> splits = new LinkedHashMap<>();
        splits.put("train", split);
        splits.put("valid", split("valid", labels));
        splits.put("test", split("test", labels));
        MmsaPickleReader reader =
                MmsaPickleReader.open(write(MmsaPickleWriter.Layout.UNALIGNED, splits));
        Map<String, Object> keys = reader.keys("train");
        assertArrayEquals(
                new float[] {0, 1, 1, 2, 2, 0, 2, 1},
                ((NdArray) keys.get("classification_labels")).toFloats());
        assertArrayEquals(
                new String[] {
                    "Negative",
                    "Neutral",
                    "Neutral",
                    "Positive",
                    "Positive",
                    "Negative",
                    "Positive",
                    "Neutral"
                },
                ((NdArray) keys.get("annotations")).toStrings());
    }

    @Test
    void alignedLayoutRefusesFramesOfAnotherCountThanTheText() {
        Map<String, MultimodalSplit> splits =
                SyntheticData.acousticInformative(1).generate(VOCABULARY);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> write(MmsaPickleWriter.Layout.ALIGNED, splits));
        assertEquals(
                "split 'train': the aligned layout needs one audio frame per text position (11),"
                        + " found 20 frames; write the unaligned layout",
                e.getMessage());
    }

    @Test
    void alignedLayoutRefusesLengthsThatWouldNotReadBack() {
        Map<String, MultimodalSplit> splits = corpus(MmsaPickleWriter.Layout.ALIGNED, 2);
        FeatureSequences vision = splits.get("valid").vision();
        Arrays.fill(vision.values()[3], 0, vision.dim(), 0f);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> write(MmsaPickleWriter.Layout.ALIGNED, splits));
        assertEquals(
                "split 'valid', sample 3: vision length "
                        + vision.lengths()[3]
                        + " would be read back as 1 (the first all-zero frame) without lengths"
                        + " keys; write the unaligned layout",
                e.getMessage());
    }

    @Test
    void refusesOtherSplitsAndEmotionLabels() {
        Map<String, MultimodalSplit> splits =
                new LinkedHashMap<>(corpus(MmsaPickleWriter.Layout.UNALIGNED, 4));
        MultimodalSplit train = splits.remove("train");
        splits.put("dev", train);
        IllegalArgumentException missing =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> write(MmsaPickleWriter.Layout.UNALIGNED, splits));
        assertEquals(
                "an MMSA pickle holds splits [train, valid, test], got [valid, test, dev]",
                missing.getMessage());
        splits.remove("dev");
        splits.put(
                "train",
                MultimodalSplit.builder()
                        .setName("train")
                        .setIds(train.ids())
                        .setTokens(train.tokens())
                        .setAudio(train.audio())
                        .setVision(train.vision())
                        .setEmotionClasses(1, new float[train.size()])
                        .build());
        IllegalArgumentException emotions =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> write(MmsaPickleWriter.Layout.UNALIGNED, splits));
        assertEquals(
                "split 'train': MMSA pickles hold regression labels, the split has"
                        + " EMOTION_CLASSES",
                emotions.getMessage());
        assertFalse(Files.exists(dir.resolve("corpus.pkl")));
    }

    /** A small synthetic corpus (40 training samples) whose frames suit {@code layout}. */
    private static Map<String, MultimodalSplit> corpus(MmsaPickleWriter.Layout layout, long seed) {
        return SyntheticData.builder()
                .optTrain(40)
                .optVisionDim(6)
                .optSeed(seed)
                .optWordAligned(layout == MmsaPickleWriter.Layout.ALIGNED)
                .build()
                .generate(VOCABULARY);
    }

    /** The first {@code labels.length} training samples of a corpus, with other labels. */
    private static MultimodalSplit split(String name, float[] labels) {
        MultimodalSplit base =
                corpus(MmsaPickleWriter.Layout.UNALIGNED, 5).get("train").head(labels.length);
        return MultimodalSplit.builder()
                .setName(name)
                .setIds(base.ids())
                .setTokens(base.tokens())
                .setAudio(base.audio())
                .setVision(base.vision())
                .setRegressionLabels(labels)
                .build();
    }

    private Path write(MmsaPickleWriter.Layout layout, Map<String, MultimodalSplit> splits) {
        Path file = dir.resolve("corpus.pkl");
        MmsaPickleWriter.builder()
                .setVocabulary(VOCABULARY)
                .optLayout(layout)
                .build()
                .write(file, splits);
        return file;
    }

    /** The bundled vocabulary's WordPiece tokenizer as the readers take it. */
    private static TextTokenizer tokenizer() {
        WordPieceTokenizer wordPiece = new WordPieceTokenizer(VOCABULARY, true, Path.of("vocab"));
        return new TextTokenizer() {
            @Override
            public int[] wordPieceIds(String text) {
                return wordPiece.tokenize(text).stream().mapToInt(VOCABULARY::indexOf).toArray();
            }

            @Override
            public int clsId() {
                return VOCABULARY.indexOf("[CLS]");
            }

            @Override
            public int sepId() {
                return VOCABULARY.indexOf("[SEP]");
            }
        };
    }

    private static void assertTokens(TokenIds want, TokenIds got, String what) {
        assertEquals(want.length(), got.length(), what);
        assertArrayEquals(want.ids(), got.ids(), what + " ids");
        assertArrayEquals(want.mask(), got.mask(), what + " mask");
        assertArrayEquals(want.segments(), got.segments(), what + " segments");
    }

    private static void assertFrames(FeatureSequences want, FeatureSequences got, String what) {
        assertEquals(want.steps(), got.steps(), what);
        assertEquals(want.dim(), got.dim(), what);
        assertArrayEquals(want.values(), got.values(), what);
        assertArrayEquals(want.lengths(), got.lengths(), what + " lengths");
        assertTrue(want.size() > 0, what);
    }
}
