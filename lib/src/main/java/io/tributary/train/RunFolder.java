package io.tributary.train;

import io.tributary.core.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's {@code --out} folder. A new run starts from a folder that holds nothing of an earlier
 * run: it removes what runs write there ({@code model/}, {@code epochs.jsonl}, {@code result.json},
 * and the temporary files of their atomic writes) and nothing else, so that no record or model of
 * an earlier run can be taken for this one's. A folder that is not empty and holds none of those is
 * not a run folder, and is refused.
 */
public final class RunFolder {

    private static final Logger LOG = LoggerFactory.getLogger(RunFolder.class);

    /** What a run writes in its folder. */
    static final List<String> RUN_FILES =
            List.of("model", EpochLog.FILE, RunResult.FILE, TrainingCheckpoint.FOLDER);

    /** The file a training process holds locked for as long as it works in the folder. */
    static final String LOCK = ".lock";

    /** A run folder's lock, held by one process at a time; released when closed or the JVM ends. */
    public static final class Lock implements AutoCloseable {
        private final FileChannel channel;

        private Lock(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private RunFolder() {}

    /**
     * Takes {@code out} (created if missing) for this process: two processes never train in one
     * folder. The operating system releases the lock of a process that dies.
     */
    public static Lock lock(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InputException("--out " + out + ": expected a folder, found a file");
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(out);
            channel =
                    FileChannel.open(
                            out.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                channel.close();
                throw new InputException(
                        "--out " + out + ": another process is training in this folder");
            }
            return new Lock(channel);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new InputException("--out " + out + ": this process is already training there");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock run folder " + out, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // The lock was not taken; nothing else to release.
        }
    }

    /** Makes {@code out} ready for a new run: created, or cleared of an earlier run's files. */
    public static void prepareFresh(Path out) {
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new InputException("--out " + out + ": expected a folder, found a file");
            }
            Files.createDirectories(out);
            List<Path> earlier = new ArrayList<>();
            List<Path> others = new ArrayList<>();
            try (Stream<Path> entries = Files.list(out)) {
                entries.sorted()
                        .filter(p -> !p.getFileName().toString().equals(LOCK))
                        .forEach(p -> (isRunFile(p) ? earlier : others).add(p));
            }
            if (earlier.isEmpty() && !others.isEmpty()) {
                throw new InputException(
                        String.format(
                                "--out %s: expected an empty folder or an earlier run's folder,"
                                        + " found %s",
                                out, others.get(0).getFileName()));
            }
            if (!earlier.isEmpty()) {
                LOG.info(
                        "{} holds an earlier run: removing {}",
                        out,
                        earlier.stream().map(p -> p.getFileName().toString()).toList());
                for (Path path : earlier) {
                    deleteTree(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare run folder " + out, e);
        }
    }

    /** A run's file, or a leftover of its atomic writes ({@code .result.json123.tmp}, ...). */
    private static boolean isRunFile(Path path) {
        String name = path.getFileName().toString();
        return RUN_FILES.stream()
                .anyMatch(file -> name.equals(file) || name.startsWith("." + file));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
