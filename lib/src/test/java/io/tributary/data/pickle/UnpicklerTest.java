package io.tributary.data.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.TestResources;
import io.tributary.core.InputException;
import io.tributary.data.NonFinite;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnpicklerTest {

    @TempDir Path tmp;

    /** Protocols 2, 4, 5 from numpy 1.x and 2.x all give the values numpy wrote. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "np1_p2.pkl",
                "np1_p4.pkl",
                "np1_p5.pkl",
                "np2_p2.pkl",
                "np2_p4.pkl",
                "np2_p5.pkl"
            })
    void variantsGiveNumpysValues(String name) throws IOException {
        Map<?, ?> data = (Map<?, ?>) Unpickler.load(TestResources.path("pickle/variants/" + name));
        JsonObject expected = expected();
        for (String key : expected.keySet()) {
            JsonObject want = expected.getAsJsonObject(key);
            NdArray array = (NdArray) data.get(key);
            assertEquals(want.get("dtype").getAsString(), array.dtype().name(), key);
            assertArrayEquals(longs(want.getAsJsonArray("shape")), array.shape(), key);
            JsonArray values = want.getAsJsonArray("values");
            if (array.dtype().isObject() || array.dtype().isText()) {
                String[] strings = array.toStrings();
                assertEquals(values.size(), strings.length, key);
                for (int i = 0; i < strings.length; i++) {
                    assertEquals(values.get(i).getAsString(), strings[i], key);
                }
            } else if (array.dtype().kind() == 'f') {
                float[] floats = array.toFloats();
                assertEquals(values.size(), floats.length, key);
                for (int i = 0; i < floats.length; i++) {
                    JsonElement v = values.get(i);
                    if (v.isJsonNull()) {
                        assertFalse(Float.isFinite(floats[i]), key + "[" + i + "]");
                    } else {
                        assertEquals((float) v.getAsDouble(), floats[i], key + "[" + i + "]");
                    }
                }
            } else {
                long[] got = array.toLongs();
                assertEquals(values.size(), got.length, key);
                for (int i = 0; i < got.length; i++) {
                    JsonElement v = values.get(i);
                    long want1 =
                            v.getAsJsonPrimitive().isBoolean()
                                    ? (v.getAsBoolean() ? 1 : 0)
                                    : v.getAsLong();
                    assertEquals(want1, got[i], key + "[" + i + "]");
                }
            }
        }
        assertEquals(new NonFinite(1, 1, 1), ((NdArray) data.get("f32")).countNonFinite());
        assertEquals(List.of(7L, 0.5, true), data.get("scalars"));
        PyTuple nested = (PyTuple) data.get("nested");
        assertEquals(1L, nested.get(0));
        assertEquals(2.5, nested.get(1));
        assertNull(nested.get(2));
        assertEquals(true, nested.get(3));
        assertEquals("x", nested.get(4));
        assertArrayEquals(
                "raw".getBytes(StandardCharsets.US_ASCII), ((PyBytes) nested.get(5)).toArray());
        assertEquals(List.of(BigInteger.TWO.pow(70), -1L), nested.get(6));
    }

    @Test
    void rowsSplitAlongTheFirstAxisInCOrder() {
        Map<?, ?> data =
                (Map<?, ?>) Unpickler.load(TestResources.path("pickle/variants/np2_p5.pkl"));
        float[][] rows = ((NdArray) data.get("fortran_f32")).toFloatRows();
        assertArrayEquals(new float[] {4f * 0.5f, 5f * 0.5f, 6f * 0.5f, 7f * 0.5f}, rows[1]);
        int[][] ints = ((NdArray) data.get("fortran_i64")).toIntRows();
        assertEquals(12, ints[1].length);
        assertEquals(1, ints[0][1]);
        assertEquals(23, ints[1][11]);
        assertEquals(0, ((NdArray) data.get("empty_f32")).toFloatRows().length);
    }

    @Test
    void fixtureKeepsItsArraysInTheFile() {
        Map<?, ?> top =
                (Map<?, ?>) Unpickler.load(TestResources.path("fixtures/mmsa/aligned_50.pkl"));
        Map<?, ?> train = (Map<?, ?>) top.get("train");
        NdArray text = (NdArray) train.get("text");
        assertArrayEquals(new long[] {8, 50, 768}, text.shape());
        assertEquals("float32", text.dtype().name());
        assertEquals(8, text.toFloatRows().length);
        assertEquals("vid631$_$0", ((NdArray) train.get("id")).toStrings()[0]);
    }

    @Test
    void truncatedFixtureIsRefusedNamingFileAndOffset() {
        Path file = TestResources.path("fixtures/mmsa/truncated.pkl");
        InputException e = assertThrows(InputException.class, () -> Unpickler.load(file));
        assertTrue(e.getMessage().startsWith(file + ": byte "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void otherGlobalsAreRefusedByName() throws IOException {
        Path file = write("\u0080\u0002cos\nsystem\nX\u0002\0\0\0ls\u0085R.");
        InputException e = assertThrows(InputException.class, () -> Unpickler.load(file));
        assertTrue(e.getMessage().contains("refusing global 'os.system'"), e.getMessage());
        assertTrue(e.getMessage().contains(": byte 2: "), e.getMessage());
    }

    @Test
    void lengthBeyondTheFileIsRefusedBeforeAllocating() throws IOException {
        ByteBuffer pickle = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        pickle.put((byte) 0x80).put((byte) 5).put((byte) 0x8e).putLong(1L << 40).put((byte) '.');
        Path file = tmp.resolve("huge.pkl");
        Files.write(file, pickle.array());
        InputException e = assertThrows(InputException.class, () -> Unpickler.load(file));
        assertTrue(e.getMessage().contains("claims 1099511627776 bytes, 1 left"), e.getMessage());
    }

    @Test
    void unknownOpcodeAndMissingStopAreRefused() throws IOException {
        Path unknown = write("\u0080\u0004\u00ff.");
        assertTrue(
                assertThrows(InputException.class, () -> Unpickler.load(unknown))
                        .getMessage()
                        .contains("byte 2: unknown or unsupported opcode 0xff"));
        Path noStop = write("\u0080\u0004N");
        assertTrue(
                assertThrows(InputException.class, () -> Unpickler.load(noStop))
                        .getMessage()
                        .contains("before the pickle's STOP"));
    }

    private Path write(String latin1) throws IOException {
        Path file = Files.createTempFile(tmp, "case", ".pkl");
        Files.write(file, latin1.getBytes(StandardCharsets.ISO_8859_1));
        return file;
    }

    private static JsonObject expected() throws IOException {
        return JsonParser.parseString(
                        Files.readString(TestResources.path("pickle/variants/expected.json")))
                .getAsJsonObject();
    }

    private static long[] longs(JsonArray array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsLong();
        }
        return out;
    }
}
