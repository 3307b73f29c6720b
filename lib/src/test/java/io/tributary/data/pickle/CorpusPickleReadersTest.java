package io.tributary.data.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.TestResources;
import io.tributary.core.InputException;
import io.tributary.data.MultimodalSplit;
import io.tributary.data.NonFinite;
import io.tributary.data.TextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MAG-BERT, MulT and CH-SIMS layouts, written by Python (lib/src/test/python). */
class CorpusPickleReadersTest {

    /** One id per distinct word piece: words split in halves of at most 3 letters. */
    private static final TextTokenizer PIECES =
            new TextTokenizer() {
                @Override
                public int[] wordPieceIds(String text) {
                    return text.length() > 3
                            ? new int[] {1000 + text.length(), 2000 + text.length()}
                            : new int[] {1000 + text.length()};
                }

                @Override
                public int clsId() {
                    return 101;
                }

                @Override
                public int sepId() {
                    return 102;
                }
            };

    private static JsonObject expected;

    @BeforeAll
    static void readExpected() throws IOException {
        expected =
                JsonParser.parseString(
                                Files.readString(
                                        TestResources.path("pickle/corpora/expected.json")))
                        .getAsJsonObject();
    }

    @Test
    void magBertRepeatsFramesPerWordPiece() {
        MagBertPickleReader reader =
                MagBertPickleReader.open(TestResources.path("pickle/corpora/mag_mosi.pkl"));
        assertEquals(List.of("train", "dev", "test"), List.copyOf(reader.splitNames()));
        JsonObject want = expected.getAsJsonObject("mag_mosi").getAsJsonObject("train");
        MultimodalSplit train = reader.read("train", PIECES, 6);
        assertEquals(3, train.size());
        assertEquals("segtrain_0", train.ids()[0]);
        // words [good, end] -> [CLS] goo d end [SEP]: 5 tokens, each piece with its word's frame
        assertArrayEquals(new int[] {101, 1004, 2004, 1003, 102, 0}, train.tokens().ids()[0]);
        assertEquals(5, train.audio().lengths()[0]);
        int dv = train.vision().dim();
        assertEquals(47, dv);
        float v00 = (float) want.getAsJsonArray("visual00").get(0).getAsDouble();
        assertEquals(0f, train.vision().values()[0][0], 0f);
        assertEquals(v00, train.vision().values()[0][dv], 0f);
        assertEquals(v00, train.vision().values()[0][2 * dv], 0f);
        // [good, movie, really, end] cut at 6 tokens: [CLS] goo d mov ie [SEP]
        assertArrayEquals(new int[] {101, 1004, 2004, 1005, 2005, 102}, train.tokens().ids()[2]);
        assertEquals(new NonFinite(1, 0, 0), train.nonFiniteReplaced().get("acoustic"));
        JsonArray labels = want.getAsJsonArray("labels");
        for (int i = 0; i < 3; i++) {
            assertEquals((float) labels.get(i).getAsDouble(), train.labels()[i], 0f);
        }
        PickleSummary summary = reader.summary();
        assertArrayEquals(
                new long[] {3, -1, 74},
                summary.splits().get("train").keys().get("acoustic").shape());
    }

    @Test
    void multGivesGloveEmbeddingsAndRegressionLabels() {
        MultPickleReader reader =
                MultPickleReader.open(TestResources.path("pickle/corpora/mult_mosi.pkl"));
        JsonObject want = expected.getAsJsonObject("mult_mosi").getAsJsonObject("train");
        MultimodalSplit train = reader.read("train");
        assertFalse(train.hasTokenIds());
        assertNull(train.tokens());
        assertEquals(300, train.textEmbeddings().dim());
        assertEquals("clip0_0_1", train.ids()[0]);
        assertEquals(
                (float) want.get("text000").getAsDouble(),
                train.textEmbeddings().values()[0][0],
                0f);
        int[] lengths = ints(want.getAsJsonArray("lengths"));
        assertArrayEquals(lengths, train.textEmbeddings().lengths());
        assertArrayEquals(lengths, train.vision().lengths());
        assertEquals(MultimodalSplit.LabelKind.REGRESSION, train.labelKind());
        assertEquals(
                (float) want.getAsJsonArray("labels").get(1).getAsJsonArray().get(0).getAsDouble(),
                train.labels()[1],
                0f);
        assertEquals(new NonFinite(1, 0, 0), train.nonFiniteReplaced().get("audio"));
    }

    @Test
    void multIemocapGivesClassIndicesPerEmotion() {
        MultimodalSplit train =
                MultPickleReader.open(TestResources.path("pickle/corpora/mult_iemocap.pkl"))
                        .read("train");
        JsonArray oneHot =
                expected.getAsJsonObject("mult_iemocap")
                        .getAsJsonObject("train")
                        .getAsJsonArray("labels");
        assertEquals(MultimodalSplit.LabelKind.EMOTION_CLASSES, train.labelKind());
        assertEquals(4, train.labelWidth());
        for (int i = 0; i < train.size(); i++) {
            JsonArray row = oneHot.get(i).getAsJsonArray();
            for (int e = 0; e < 4; e++) {
                float want =
                        row.get(2 * e + 1).getAsDouble() > row.get(2 * e).getAsDouble() ? 1 : 0;
                assertEquals(want, train.labels()[i * 4 + e], 0f);
            }
        }
        assertEquals("train[1]", train.ids()[1]);
    }

    @Test
    void simsKeepsModalityLabelsAndListLengths() {
        MmsaPickleReader reader =
                MmsaPickleReader.open(TestResources.path("pickle/corpora/sims_unaligned_39.pkl"));
        JsonObject want = expected.getAsJsonObject("sims_unaligned_39").getAsJsonObject("train");
        MultimodalSplit train = reader.read("train");
        assertEquals(39, train.tokens().length());
        assertArrayEquals(
                new int[] {101, 791, 1921, 102, 0}, Arrays.copyOf(train.tokens().ids()[0], 5));
        assertArrayEquals(ints(want.getAsJsonArray("audio_lengths")), train.audio().lengths());
        assertArrayEquals(ints(want.getAsJsonArray("vision_lengths")), train.vision().lengths());
        assertEquals(709, train.vision().dim());
        float[] a = train.extraLabels().get("regression_labels_A");
        assertEquals(
                (float) want.getAsJsonArray("regression_labels_A").get(2).getAsDouble(), a[2], 0f);
        assertEquals(3, train.extraLabels().size());
        assertArrayEquals(
                new int[] {101, 1004, 2004, 102, 0, 0, 0, 0},
                reader.read("train", PIECES, 8).tokens().ids()[0]);
    }

    @Test
    void inspectorRecognisesEveryFormat() {
        Map<String, String> formats =
                Map.of(
                        "mag_mosi", "mag-bert",
                        "mult_mosi", "mult",
                        "mult_iemocap", "mult",
                        "sims_unaligned_39", "mmsa");
        formats.forEach(
                (file, format) ->
                        assertEquals(
                                format,
                                PickleInspector.summarize(
                                                TestResources.path(
                                                        "pickle/corpora/" + file + ".pkl"))
                                        .format()));
        InputException other =
                assertThrows(
                        InputException.class,
                        () ->
                                PickleInspector.summarize(
                                        TestResources.path("pickle/variants/np2_p4.pkl")));
        assertTrue(other.getMessage().contains("not a known corpus pickle"), other.getMessage());
    }

    private static int[] ints(JsonArray array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsInt();
        }
        return out;
    }
}
