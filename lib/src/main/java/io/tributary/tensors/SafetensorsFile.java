package io.tributary.tensors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.core.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@code .safetensors} file: an 8-byte little-endian header length, a JSON header mapping each
 * key to {@code {dtype, shape, data_offsets}}, then the raw little-endian data. {@link #open} reads
 * and checks the header only (every entry's byte count against its dtype and shape, and against the
 * file's length); tensors are read on demand as float32.
 */
public final class SafetensorsFile {

    /** Larger headers are refused before they are read: real ones are kilobytes. */
    private static final long MAX_HEADER_BYTES = 100L << 20;

    /** One tensor's header entry; offsets are absolute positions in the file. */
    public record Entry(String key, String dtype, long[] shape, long start, long end) {
        public Shape djlShape() {
            return new Shape(shape);
        }

        public long elements() {
            return Arrays.stream(shape).reduce(1, Math::multiplyExact);
        }
    }

    private final Path file;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path file, Map<String, Entry> entries, Map<String, String> metadata) {
        this.file = file;
        this.entries = entries;
        this.metadata = metadata;
    }

    /** Reads and checks the header of {@code file}. */
    public static SafetensorsFile open(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw error(
                        file, "expected an 8-byte header length, the file has " + size + " bytes");
            }
            long headerBytes = readFully(channel, 0, 8).getLong(0);
            if (headerBytes < 2 || headerBytes > MAX_HEADER_BYTES || headerBytes > size - 8) {
                throw error(
                        file,
                        "header length "
                                + headerBytes
                                + " does not fit: the file has "
                                + (size - 8)
                                + " bytes after the length (truncated or not safetensors?)");
            }
            ByteBuffer header = readFully(channel, 8, (int) headerBytes);
            String json = StandardCharsets.UTF_8.decode(header).toString();
            return parse(file, json, 8 + headerBytes, size);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static SafetensorsFile parse(Path file, String json, long dataStart, long size) {
        JsonObject header;
        try {
            header = JsonParser.parseString(json).getAsJsonObject();
        } catch (RuntimeException e) {
            throw error(file, "the header is not a JSON object: " + e.getMessage());
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> item : header.entrySet()) {
            String key = item.getKey();
            if (key.equals("__metadata__")) {
                item.getValue()
                        .getAsJsonObject()
                        .entrySet()
                        .forEach(m -> metadata.put(m.getKey(), m.getValue().getAsString()));
                continue;
            }
            entries.put(key, parseEntry(file, key, item.getValue(), dataStart, size));
        }
        return new SafetensorsFile(
                file, Collections.unmodifiableMap(entries), Collections.unmodifiableMap(metadata));
    }

    private static Entry parseEntry(
            Path file, String key, JsonElement json, long dataStart, long size) {
        String dtype;
        long[] shape;
        long[] offsets;
        try {
            JsonObject object = json.getAsJsonObject();
            dtype = object.get("dtype").getAsString();
            shape = toLongs(object.get("shape"));
            offsets = toLongs(object.get("data_offsets"));
        } catch (RuntimeException e) {
            throw error(file, "key '" + key + "': expected {dtype, shape, data_offsets}: " + json);
        }
        DType type = dtypeOf(file, key, dtype);
        if (offsets.length != 2 || offsets[0] < 0 || offsets[1] < offsets[0]) {
            throw error(file, "key '" + key + "': bad data_offsets " + Arrays.toString(offsets));
        }
        if (Arrays.stream(shape).anyMatch(d -> d < 0)) {
            throw error(file, "key '" + key + "': negative dimension in shape " + shapeText(shape));
        }
        long expected;
        try {
            expected =
                    Math.multiplyExact(
                            Arrays.stream(shape).reduce(1, Math::multiplyExact), type.bytes);
        } catch (ArithmeticException e) {
            throw error(file, "key '" + key + "': shape " + shapeText(shape) + " overflows");
        }
        long stored = offsets[1] - offsets[0];
        if (stored != expected) {
            throw error(
                    file,
                    String.format(
                            "key '%s': %s %s needs %d bytes, the header gives %d (data_offsets %s)",
                            key,
                            dtype,
                            shapeText(shape),
                            expected,
                            stored,
                            Arrays.toString(offsets)));
        }
        long end = dataStart + offsets[1];
        if (end > size) {
            throw error(
                    file,
                    String.format(
                            "key '%s': data ends at byte %d, the file has %d bytes (truncated)",
                            key, end, size));
        }
        return new Entry(key, dtype, shape, dataStart + offsets[0], end);
    }

    private static DType dtypeOf(Path file, String key, String dtype) {
        try {
            return DType.valueOf(dtype);
        } catch (IllegalArgumentException e) {
            throw error(
                    file,
                    "key '"
                            + key
                            + "': dtype "
                            + dtype
                            + " is not one of "
                            + Arrays.toString(DType.values()));
        }
    }

    public Path file() {
        return file;
    }

    /** The tensor keys in header order ({@code __metadata__} excluded). */
    public Set<String> keys() {
        return entries.keySet();
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** The entry of {@code key}, or an error naming the file and the key. */
    public Entry entry(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            throw error(file, "no tensor named '" + key + "'");
        }
        return entry;
    }

    /** The values of {@code key} converted to float32, in row-major order. */
    public float[] floats(String key) {
        Entry entry = entry(key);
        long count = entry.elements();
        if (count > Integer.MAX_VALUE - 8) {
            throw error(file, "key '" + key + "': " + count + " elements exceed a Java array");
        }
        DType type = DType.valueOf(entry.dtype());
        ByteBuffer data;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            data = readFully(channel, entry.start(), Math.toIntExact(entry.end() - entry.start()));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": key '" + key + "': " + e.getMessage(), e);
        }
        float[] values = new float[(int) count];
        if (type == DType.F32) {
            data.asFloatBuffer().get(values);
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = type.read(data, i);
            }
        }
        return values;
    }

    /**
     * The values of {@code key} as {@link #floats} gives them, refused when any is NaN or infinite:
     * for weights, which would make every output NaN.
     */
    public float[] finiteFloats(String key) {
        float[] values = floats(key);
        long nan = 0;
        long infinite = 0;
        for (float value : values) {
            if (Float.isNaN(value)) {
                nan++;
            } else if (Float.isInfinite(value)) {
                infinite++;
            }
        }
        if (nan + infinite > 0) {
            throw error(
                    file,
                    String.format(
                            "tensor '%s' holds %d NaN and %d infinite values, expected finite"
                                    + " weights",
                            key, nan, infinite));
        }
        return values;
    }

    /** The tensor {@code key} as a float32 {@link NDArray} of {@code manager}. */
    public NDArray array(String key, NDManager manager) {
        return manager.create(floats(key), entry(key).djlShape());
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file at byte " + position);
            }
        }
        return buffer.flip();
    }

    private static long[] toLongs(JsonElement json) {
        return json.getAsJsonArray().asList().stream().mapToLong(JsonElement::getAsLong).toArray();
    }

    /** A shape as errors print it: {@code (3, 5, 32)}. */
    public static String shapeText(long[] shape) {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    private static InputException error(Path file, String problem) {
        return new InputException(file + ": " + problem);
    }
}
