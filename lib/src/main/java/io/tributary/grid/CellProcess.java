package io.tributary.grid;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A cell's JVM ({@link CellJobs#command}) as every executor starts it: a child of the process that
 * starts it, which it ends with ({@link #EXIT_WITH_PARENT}), its progress on that process's
 * standard error, its outcome the last line of its standard output.
 */
public final class CellProcess {

    /** The environment variable that makes a cell's JVM exit when its parent process ends. */
    public static final String EXIT_WITH_PARENT = "MSA_EXIT_WITH_PARENT";

    /**
     * A cell JVM's exit code and the last line it printed, its {@link CellRun.Outcome} when the
     * exit code is 0.
     */
    public record Ended(int exitCode, String line) implements Serializable {}

    private CellProcess() {}

    /**
     * Makes this JVM halt when its parent process ends, where {@link #EXIT_WITH_PARENT} asks it to:
     * a killed grid leaves no cell training on, and the cell resumes when the grid is run again.
     */
    public static void exitWithParentIfAsked() {
        if (System.getenv(EXIT_WITH_PARENT) != null) {
            ProcessHandle.current()
                    .parent()
                    .ifPresent(
                            parent ->
                                    parent.onExit().thenRun(() -> Runtime.getRuntime().halt(137)));
        }
    }

    /** Runs {@code command} (a cell's JVM, in {@code builder}'s folder) to its end. */
    public static Ended run(List<String> command, ProcessBuilder builder) {
        builder.command(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put(EXIT_WITH_PARENT, "1");
        Process process = null;
        try {
            process = builder.start();
            List<String> out =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                            .strip()
                            .lines()
                            .toList();
            return new Ended(process.waitFor(), out.isEmpty() ? "" : out.get(out.size() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a cell ran: " + command, e);
        }
    }
}
