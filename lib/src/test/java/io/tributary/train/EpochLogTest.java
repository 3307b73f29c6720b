package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochLogTest {

    record Epoch(int epoch, double trainLoss, double validLoss, boolean best) {}

    @Test
    void appendsOneJsonObjectPerLineAndReplacesAPreviousRun(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run/epochs.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"epoch\":1,\"old\":true}\n{\"epoch\":2,\"old\":true}\n");

        EpochLog log = EpochLog.create(file);
        assertEquals("", Files.readString(file));
        log.append(new Epoch(1, 0.75, 0.5, true));
        assertEquals(1, Files.readAllLines(file).size());
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("epoch", 2);
        second.put("train_loss", Double.NaN);
        second.put("note", "<gate> & co");
        log.append(second);

        assertEquals(
                List.of(
                        "{\"epoch\":1,\"train_loss\":0.75,\"valid_loss\":0.5,\"best\":true}",
                        "{\"epoch\":2,\"train_loss\":NaN,\"note\":\"<gate> & co\"}"),
                Files.readAllLines(file, StandardCharsets.UTF_8));
        try (var entries = Files.list(file.getParent())) {
            assertEquals(List.of(file), entries.toList());
        }
    }

    @Test
    void createsMissingFolders(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a/b/log.jsonl");
        EpochLog.create(file).append(Map.of("epoch", 1));
        assertEquals(List.of("{\"epoch\":1}"), Files.readAllLines(file));
    }
}
