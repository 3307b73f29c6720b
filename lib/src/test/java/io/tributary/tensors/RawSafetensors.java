package io.tributary.tensors;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes safetensors byte by byte, so tests can make broken and unusual files. */
public final class RawSafetensors {

    /** One tensor as it will be written: the header's dtype, shape and the raw bytes. */
    public record Tensor(String dtype, long[] shape, byte[] data) {}

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    /** Every tensor of {@code file}, as stored (F32 kept as F32). */
    public static RawSafetensors copyOf(Path file) throws IOException {
        SafetensorsFile source = SafetensorsFile.open(file);
        byte[] bytes = Files.readAllBytes(file);
        RawSafetensors copy = new RawSafetensors();
        for (String key : source.keys()) {
            SafetensorsFile.Entry entry = source.entry(key);
            byte[] data = new byte[(int) (entry.end() - entry.start())];
            System.arraycopy(bytes, (int) entry.start(), data, 0, data.length);
            copy.put(key, new Tensor(entry.dtype(), entry.shape(), data));
        }
        return copy;
    }

    public RawSafetensors put(String key, Tensor tensor) {
        tensors.put(key, tensor);
        return this;
    }

    public RawSafetensors remove(String key) {
        tensors.remove(key);
        return this;
    }

    public Tensor get(String key) {
        return tensors.get(key);
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** Writes the file; {@code extraBytes} is added to every tensor's claimed length. */
    public void write(Path file, long extraBytes) throws IOException {
        JsonObject header = new JsonObject();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Map.Entry<String, Tensor> item : tensors.entrySet()) {
            Tensor tensor = item.getValue();
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", tensor.dtype());
            JsonArray shape = new JsonArray();
            for (long dim : tensor.shape()) {
                shape.add(dim);
            }
            entry.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(data.size());
            offsets.add(data.size() + tensor.data().length + extraBytes);
            entry.add("data_offsets", offsets);
            header.add(item.getKey(), entry);
            data.write(tensor.data());
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + data.size());
        out.order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json).put(data.toByteArray());
        Files.write(file, out.array());
    }

    public void write(Path file) throws IOException {
        write(file, 0);
    }
}
