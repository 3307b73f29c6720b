package io.tributary.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads an F32 safetensors test resource: an 8-byte little-endian header length, a JSON header
 * {name: {dtype, shape, data_offsets}}, then the little-endian data.
 */
public final class SafetensorsFixture {

    private SafetensorsFixture() {}

    /** Every tensor of the resource, by name, created on {@code manager}. */
    public static Map<String, NDArray> read(String resource, NDManager manager) throws IOException {
        byte[] file;
        try (InputStream in = SafetensorsFixture.class.getResourceAsStream(resource)) {
            file = Objects.requireNonNull(in, resource).readAllBytes();
        }
        ByteBuffer bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = Math.toIntExact(bytes.getLong(0));
        String json = new String(file, 8, headerLength, StandardCharsets.UTF_8);
        JsonObject header = JsonParser.parseString(json).getAsJsonObject();
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : header.entrySet()) {
            if (entry.getKey().equals("__metadata__")) {
                continue;
            }
            JsonObject tensor = entry.getValue().getAsJsonObject();
            if (!tensor.get("dtype").getAsString().equals("F32")) {
                throw new IllegalArgumentException(entry.getKey() + ": expected F32");
            }
            long[] shape =
                    tensor.getAsJsonArray("shape").asList().stream()
                            .mapToLong(JsonElement::getAsLong)
                            .toArray();
            int begin = 8 + headerLength + tensor.getAsJsonArray("data_offsets").get(0).getAsInt();
            int end = 8 + headerLength + tensor.getAsJsonArray("data_offsets").get(1).getAsInt();
            float[] values = new float[(end - begin) / Float.BYTES];
            bytes.slice(begin, end - begin)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(values);
            tensors.put(entry.getKey(), manager.create(values, new Shape(shape)));
        }
        return tensors;
    }
}
