package io.tributary.train;

import io.tributary.core.AtomicFiles;
import io.tributary.core.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The per-epoch log of a run: one JSON object per line (JSONL), each line written and flushed as
 * its epoch ends, so that a run that dies leaves every finished epoch behind. A file left by a
 * previous run is replaced by an empty one, atomically, when the log is created. Written by {@link
 * Json}: NaN and infinite numbers as {@code NaN} and {@code Infinity}.
 */
public final class EpochLog {

    /** The log's name in a run's folder. */
    public static final String FILE = "epochs.jsonl";

    private final Path file;

    private EpochLog(Path file) {
        this.file = file;
    }

    /** Starts the log of a run at {@code file}, empty. */
    public static EpochLog create(Path file) {
        AtomicFiles.writeString(file, "");
        return new EpochLog(file);
    }

    public Path getFile() {
        return file;
    }

    /** Appends {@code record} (a map, a record or any object Gson can write) as one line. */
    public void append(Object record) {
        String line = Json.gson().toJson(record) + "\n";
        try (BufferedWriter out =
                Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot append to epoch log " + file + ": " + e.getMessage(), e);
        }
    }
}
