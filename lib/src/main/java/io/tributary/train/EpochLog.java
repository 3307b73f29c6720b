package io.tributary.train;

import io.tributary.core.AtomicFiles;
import io.tributary.core.InputException;
import io.tributary.core.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

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

    /**
     * Continues the log of a run resumed after {@code epochs} epochs: the first {@code epochs}
     * lines are kept and anything after them (a later epoch's line, or the part of one a killed
     * process left) is dropped.
     */
    public static EpochLog resume(Path file, int epochs) {
        List<String> kept;
        try {
            kept =
                    Files.exists(file)
                            ? Files.readAllLines(file, StandardCharsets.UTF_8)
                            : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read epoch log " + file, e);
        }
        if (kept.size() < epochs) {
            throw new InputException(
                    String.format(
                            "%s: expected the records of %d epochs to resume from, found %d",
                            file, epochs, kept.size()));
        }
        StringBuilder text = new StringBuilder();
        kept.subList(0, epochs).forEach(line -> text.append(line).append('\n'));
        AtomicFiles.writeString(file, text.toString());
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
