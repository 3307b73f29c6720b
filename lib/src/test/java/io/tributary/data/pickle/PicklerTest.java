package io.tributary.data.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.TestResources;
import java.io.ByteArrayOutputStream;
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

class PicklerTest {

    /**
     * Pickles written by CPython and numpy 1.x (the MMSA fixtures, and numpy_layout.pkl made by
     * make_pickler_golden.py for batches, long memo indices, frames and empty arrays), read and
     * written again, come out byte for byte the same.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "fixtures/mmsa/aligned_50.pkl",
                "fixtures/mmsa/unaligned_50.pkl",
                "pickle/writer/numpy_layout.pkl"
            })
    void rewritesNumpysOwnPickleByteForByte(String resource) throws IOException {
        Path file = TestResources.path(resource);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Pickler.dump(dict(Unpickler.load(file)), out);
        assertArrayEquals(Files.readAllBytes(file), out.toByteArray());
    }

    @Test
    void refusesABodyThatWritesOtherThanItsShapeSays() {
        PickledArray short_ = new PickledArray.Numbers("f4", new long[] {3}, out -> out.float32(1));
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> Pickler.dump(Map.of("x", short_), new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("announced 12 bytes, its body wrote 4"), e.getMessage());
    }

    @Test
    void refusesAStringArrayOfTheWrongCount() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new PickledArray.Strings(new long[] {2, 2}, List.of("a"), false));
        assertEquals("shape [2, 2] needs 4 strings, got 1", e.getMessage());
    }

    /**
     * The values of an unpickled {split: {key: array}} dict as the pickler takes them; equal
     * strings are one object in {@code annotations} only, as MMSA's files (and numpy_layout.pkl)
     * have them.
     */
    private static Map<String, Object> dict(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) value)
                .forEach(
                        (key, item) ->
                                out.put(
                                        (String) key,
                                        item instanceof NdArray array
                                                ? array((String) key, array)
                                                : dict(item)));
        return out;
    }

    private static PickledArray array(String key, NdArray array) {
        return switch (array.dtype().kind()) {
            case 'f' ->
                    PickledArray.float32(
                            array.shape(),
                            array.size() == 0 ? new float[0][] : array.toFloatRows());
            case 'i' -> PickledArray.int64(array.shape(), array.toLongs());
            default ->
                    new PickledArray.Strings(
                            array.shape(),
                            Arrays.asList(array.toStrings()),
                            key.equals("annotations"));
        };
    }
}
