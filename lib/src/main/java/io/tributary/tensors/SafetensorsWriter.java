package io.tributary.tensors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.tributary.core.AtomicFiles;
import io.tributary.core.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Writes float32 tensors as a {@code .safetensors} file, atomically (temporary file, rename). */
public final class SafetensorsWriter {

    private SafetensorsWriter() {}

    /**
     * Writes {@code tensors} (converted to float32, keys sorted) with {@code metadata} as the
     * header's {@code __metadata__}.
     */
    public static void write(
            Path file, Map<String, NDArray> tensors, Map<String, String> metadata) {
        Map<String, NDArray> sorted = new TreeMap<>(tensors);
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (Map.Entry<String, NDArray> item : sorted.entrySet()) {
            NDArray array = item.getValue();
            long bytes = array.size() * Float.BYTES;
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (long dim : array.getShape().getShape()) {
                shape.add(dim);
            }
            entry.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(offset + bytes);
            entry.add("data_offsets", offsets);
            header.add(item.getKey(), entry);
            offset += bytes;
        }
        byte[] json = padded(Json.gson().toJson(header).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(
                file,
                out -> {
                    ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                    out.write(length.putLong(json.length).array());
                    out.write(json);
                    float[] floats = new float[CHUNK];
                    ByteBuffer bytes =
                            ByteBuffer.allocate(CHUNK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                    for (NDArray array : sorted.values()) {
                        FloatBuffer values =
                                array.toType(DataType.FLOAT32, false)
                                        .toByteBuffer(true)
                                        .asFloatBuffer();
                        while (values.hasRemaining()) {
                            int n = Math.min(values.remaining(), CHUNK);
                            values.get(floats, 0, n);
                            bytes.clear();
                            bytes.asFloatBuffer().put(floats, 0, n);
                            out.write(bytes.array(), 0, n * Float.BYTES);
                        }
                    }
                });
    }

    /**
     * Floats copied at a time: each tensor is read where PyTorch keeps it and written through one
     * small buffer, so saving a checkpoint every epoch allocates next to nothing on the heap.
     */
    private static final int CHUNK = 1 << 16;

    /** Pads the header with spaces to a multiple of 8 bytes, so the data is 8-byte aligned. */
    private static byte[] padded(byte[] json) {
        int length = (json.length + 7) / 8 * 8;
        byte[] out = new byte[length];
        System.arraycopy(json, 0, out, 0, json.length);
        for (int i = json.length; i < length; i++) {
            out[i] = ' ';
        }
        return out;
    }
}
