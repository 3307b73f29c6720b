package io.tributary.core;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes a file so that a reader sees the old content or the new one, never half of it: the bytes
 * go to a temporary file beside the target, which is then renamed over it.
 */
public final class AtomicFiles {

    /** What writes the content; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    public static void write(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.writeTo(out);
            }
            readableByAll(tmp, "rw-r--r--");
            move(tmp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** What fills a folder; may throw {@link IOException}. */
    @FunctionalInterface
    public interface FolderWriter {
        void fill(Path folder) throws IOException;
    }

    /**
     * Fills a temporary folder beside {@code target}, then puts it in place of {@code target}: a
     * reader sees the old folder or the complete new one. A previous folder is moved aside before
     * the rename and deleted after it.
     */
    public static void writeFolder(Path target, FolderWriter writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        Path old = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempDirectory(dir, "." + target.getFileName() + ".");
            writer.fill(tmp);
            readableByAll(tmp, "rwxr-xr-x");
            if (Files.exists(target)) {
                old = Files.createTempDirectory(dir, "." + target.getFileName() + ".old.");
                Files.delete(old);
                move(target, old);
            }
            move(tmp, target);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteTree(tmp);
            deleteTree(old);
        }
    }

    /**
     * Puts back the previous folder that {@link #writeFolder} had moved aside when a process died
     * between its two renames (so {@code target} is missing); does nothing otherwise.
     */
    public static void recoverFolder(Path target) {
        if (Files.exists(target)) {
            return;
        }
        Path dir = target.toAbsolutePath().getParent();
        String aside = "." + target.getFileName() + ".old.";
        try (Stream<Path> entries = Files.list(dir)) {
            Optional<Path> previous =
                    entries.filter(p -> p.getFileName().toString().startsWith(aside)).findFirst();
            if (previous.isPresent()) {
                move(previous.get(), target);
            }
        } catch (NoSuchFileException e) {
            // No folder around it: nothing to recover.
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot recover " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes {@code target} and everything in it, if it exists. */
    public static void deleteFolder(Path target) {
        deleteTree(target);
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(AtomicFiles::deleteQuietly);
        } catch (IOException ignored) {
            // Only leftovers of a temporary folder remain.
        }
    }

    public static void writeString(Path target, String content) {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Temporary files are private to their owner; what they become is not. */
    private static void readableByAll(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(
                    from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // The target is already in place or the write failed first; a stray temp file is all.
        }
    }
}
