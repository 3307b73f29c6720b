package io.tributary.report;

import com.google.gson.JsonObject;
import io.tributary.core.Json;
import io.tributary.train.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Hand-made {@code result.json} files holding only the keys the table reads. */
final class RunRecords {

    private RunRecords() {}

    /** Writes {@code folder/result.json} of a MOSI-convention run on {@code data}. */
    static void write(Path folder, String row, long seed, String data, String sha256, double acc)
            throws IOException {
        write(folder, row, seed, data, sha256, Map.of("Has0_acc_2", acc, "MAE", 1 - acc));
    }

    /** Writes {@code folder/result.json}; MOSI metrics not in {@code metrics} are 0.5. */
    static void write(
            Path folder,
            String row,
            long seed,
            String data,
            String sha256,
            Map<String, Double> metrics)
            throws IOException {
        JsonObject record = new JsonObject();
        record.addProperty("row", row);
        record.addProperty("seed", seed);
        JsonObject source = new JsonObject();
        source.addProperty("path", data);
        source.addProperty("sha256", sha256);
        record.add("data", source);
        record.addProperty("code_version", "abc1234");
        JsonObject config = new JsonObject();
        config.addProperty("task", "MOSI");
        record.add("config", config);
        JsonObject test = new JsonObject();
        for (String metric : Task.MOSI.metricNames()) {
            test.addProperty(metric, metrics.getOrDefault(metric, 0.5));
        }
        record.add("test", test);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("result.json"), Json.pretty().toJson(record));
    }
}
