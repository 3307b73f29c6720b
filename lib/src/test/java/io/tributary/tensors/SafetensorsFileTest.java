package io.tributary.tensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.tributary.core.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {

    @TempDir Path dir;

    @Test
    void halfPrecisionDecodesExactly() {
        assertEquals(1.0f, DType.halfToFloat((short) 0x3C00));
        assertEquals(-2.0f, DType.halfToFloat((short) 0xC000));
        assertEquals(65504f, DType.halfToFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, DType.halfToFloat((short) 0x0001));
        assertEquals(-0.0f, DType.halfToFloat((short) 0x8000));
        assertEquals(Float.POSITIVE_INFINITY, DType.halfToFloat((short) 0x7C00));
        assertTrue(Float.isNaN(DType.halfToFloat((short) 0x7E00)));
    }

    @Test
    void readsF16AndBf16AsFloat32() throws IOException {
        Path file = dir.resolve("mixed.safetensors");
        new RawSafetensors()
                .put("h", new RawSafetensors.Tensor("F16", new long[] {2}, shorts(0x3C00, 0xC000)))
                .put("b", new RawSafetensors.Tensor("BF16", new long[] {2}, shorts(0x3F80, 0xC040)))
                .write(file);
        SafetensorsFile read = SafetensorsFile.open(file);
        assertArrayEquals(new float[] {1f, -2f}, read.floats("h"));
        assertArrayEquals(new float[] {1f, -3f}, read.floats("b"));
    }

    @Test
    void writerRoundTripsWithMetadata() {
        Path file = dir.resolve("w.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.arange(6f).reshape(2, 3);
            SafetensorsWriter.write(file, Map.of("a", a), Map.of("format", "pt"));
            SafetensorsFile read = SafetensorsFile.open(file);
            assertEquals("pt", read.metadata().get("format"));
            assertArrayEquals(new long[] {2, 3}, read.entry("a").shape());
            assertArrayEquals(a.toFloatArray(), read.floats("a"));
        }
    }

    @Test
    void headerLengthBeyondTheFileIsRefused() throws IOException {
        Path file = dir.resolve("short.safetensors");
        byte[] bytes = new byte[16];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
        Files.write(file, bytes);
        InputException e = assertThrows(InputException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().contains("header length"), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void entryWhoseBytesDisagreeWithItsShapeIsRefusedByName() throws IOException {
        Path file = dir.resolve("lying.safetensors");
        new RawSafetensors()
                .put("w", new RawSafetensors.Tensor("F32", new long[] {2, 2}, new byte[16]))
                .write(file, 8);
        InputException e = assertThrows(InputException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
        assertTrue(e.getMessage().contains("needs 16 bytes, the header gives 24"), e.getMessage());
    }

    @Test
    void unknownDtypeIsRefusedByName() throws IOException {
        Path file = dir.resolve("dtype.safetensors");
        new RawSafetensors()
                .put("w", new RawSafetensors.Tensor("F8_E4M3", new long[] {2}, new byte[2]))
                .write(file);
        InputException e = assertThrows(InputException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().contains("'w': dtype F8_E4M3"), e.getMessage());
    }

    @Test
    void truncatedDataIsRefusedNamingTheKey() throws IOException {
        Path file = dir.resolve("cut.safetensors");
        new RawSafetensors()
                .put("a", new RawSafetensors.Tensor("F32", new long[] {4}, new byte[16]))
                .put("b", new RawSafetensors.Tensor("F32", new long[] {4}, new byte[16]))
                .write(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        InputException e = assertThrows(InputException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    private static byte[] shorts(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            buffer.putShort((short) v);
        }
        return buffer.array();
    }
}
