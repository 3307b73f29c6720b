package io.tributary.data.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MmsaPickleReaderTest {

    /** Agrees with the fixture's summary: keys, shapes, dtypes, counts and label statistics. */
    @ParameterizedTest
    @ValueSource(strings = {"aligned_50", "unaligned_50"})
    void summaryAgreesWithFixture(String name) throws IOException {
        Path file = TestResources.path("fixtures/mmsa/" + name + ".pkl");
        JsonObject expected =
                JsonParser.parseString(
                                Files.readString(
                                        TestResources.path(
                                                "fixtures/mmsa/" + name + ".summary.json")))
                        .getAsJsonObject();
        PickleSummary summary = MmsaPickleReader.open(file).summary();
        assertEquals("mmsa", summary.format());
        assertEquals(List.of("train", "valid", "test"), List.copyOf(summary.splits().keySet()));
        for (String split : summary.splits().keySet()) {
            PickleSummary.Split got = summary.splits().get(split);
            JsonObject keys = expected.getAsJsonObject(split);
            assertEquals(keys.keySet(), got.keys().keySet(), split);
            for (String key : keys.keySet()) {
                JsonArray want = keys.getAsJsonArray(key);
                assertArrayEquals(
                        longs(want.get(0).getAsJsonArray()), got.keys().get(key).shape(), key);
                assertEquals(want.get(1).getAsString(), got.keys().get(key).dtype(), key);
            }
            JsonArray labels = expected.getAsJsonObject("labels").getAsJsonArray(split);
            assertEquals(labels.size(), got.count());
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int i = 0; i < labels.size(); i++) {
                double v = labels.get(i).getAsDouble();
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
            }
            assertEquals(min, got.labels().min(), 0.0, split);
            assertEquals(max, got.labels().max(), 0.0, split);
            assertEquals(sum / labels.size(), got.labels().mean(), 1e-12, split);
        }
    }

    @Test
    void alignedTrainReplacesNonFiniteAndFindsLengths() {
        MmsaPickleReader reader =
                MmsaPickleReader.open(TestResources.path("fixtures/mmsa/aligned_50.pkl"));
        MultimodalSplit train = reader.read("train");
        assertEquals(8, train.size());
        assertEquals("vid631$_$0", train.ids()[0]);
        assertEquals(50, train.tokens().length());
        assertArrayEquals(
                new int[] {5, 19, 28, 20, 9, 8, 6, 0}, Arrays.copyOf(train.tokens().ids()[0], 8));
        assertEquals(7, train.tokens().validLength(0));
        assertEquals(5, train.audio().dim());
        assertEquals(0.8318049f, train.audio().values()[0][0], 0f);
        assertEquals(0f, train.audio().values()[0][5], 0f);
        assertEquals(new NonFinite(2, 0, 0), train.nonFiniteReplaced().get("audio"));
        assertEquals(new NonFinite(0, 0, 1), train.nonFiniteReplaced().get("vision"));
        assertEquals(reader.summary().splits().get("train").replaced(), train.nonFiniteReplaced());
        assertEquals(3.0f, train.labels()[3], 0f);
        assertTrue(train.extraLabels().isEmpty());
    }

    @Test
    void unalignedTrainTakesLengthsFromTheFile() {
        MultimodalSplit train =
                MmsaPickleReader.open(TestResources.path("fixtures/mmsa/unaligned_50.pkl"))
                        .read("train");
        assertArrayEquals(
                new int[] {258, 307, 38, 169, 290, 133, 201, 52}, train.audio().lengths());
        assertArrayEquals(new int[] {293, 191, 11, 104, 45, 32, 76, 28}, train.vision().lengths());
        assertEquals(375, train.audio().steps());
        assertEquals(500, train.vision().steps());
    }

    @Test
    void rawTextIsRetokenisedByTheCallersTokenizer() {
        TextTokenizer letters =
                new TextTokenizer() {
                    @Override
                    public int[] wordPieceIds(String text) {
                        return text.chars().filter(c -> c != ' ').map(c -> c - 'a' + 10).toArray();
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
        MultimodalSplit valid =
                MmsaPickleReader.open(TestResources.path("fixtures/mmsa/aligned_50.pkl"))
                        .read("valid", letters, 6);
        int[] ids = valid.tokens().ids()[0];
        assertEquals(6, ids.length);
        assertEquals(101, ids[0]);
        assertEquals(102, ids[5]);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1}, valid.tokens().mask()[0]);
    }

    @Test
    void layoutErrorsNameFileSplitAndKey() {
        Path file = Path.of("made-up.pkl");
        Map<String, Object> split = new LinkedHashMap<>();
        for (String key : MmsaPickleReader.REQUIRED_KEYS) {
            split.put(
                    key,
                    floats(key.equals("text_bert") ? new long[] {2, 3, 4} : new long[] {2, 4, 1}));
        }
        split.put("regression_labels", floats(new long[] {3}));
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("train", split);
        top.put("valid", split);
        top.put("test", split);
        InputException counts =
                assertThrows(InputException.class, () -> MmsaPickleReader.from(file, top));
        assertEquals(
                "made-up.pkl: split 'train', key 'regression_labels': expected 2 samples (as 'id'),"
                        + " found 3",
                counts.getMessage());
        top.remove("valid");
        InputException splits =
                assertThrows(InputException.class, () -> MmsaPickleReader.from(file, top));
        assertTrue(splits.getMessage().contains("expected splits [train, valid, test]"));
    }

    private static NdArray floats(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return NdArray.ofData(
                "test", DType.parse("f4"), shape, false, ByteData.of(new byte[(int) n * 4]));
    }

    private static long[] longs(JsonArray array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsLong();
        }
        return out;
    }
}
