package io.tributary.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Runs {@code ./msa} and keeps what it printed: in-process, or in a JVM of its own. */
public record CommandRun(int exitCode, String out, String err) {

    /** How long a command in a new JVM may run. */
    private static final long CHILD_TIMEOUT_MINUTES = 10;

    public static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Msa.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    /**
     * Runs the command in a new JVM on the test class path, as {@code ./msa} runs it: a fresh
     * process, so that nothing one run left in the engine or the JVM can reach the next.
     */
    public static CommandRun inNewJvm(String... args) {
        return inNewJvm(List.of(), args);
    }

    /**
     * The command line of {@code ./msa args} in a JVM of its own, on the test class path and
     * started with {@code jvmOptions}.
     */
    public static List<String> command(List<String> jvmOptions, String... args) {
        String classPath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dai.djl.offline=true", "-cp", classPath, Msa.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code ./msa args} in a JVM of its own started with {@code jvmOptions}. */
    public static CommandRun inNewJvm(List<String> jvmOptions, String... args) {
        List<String> command = command(jvmOptions, args);
        try {
            Path out = Files.createTempFile("msa-out", ".txt");
            Path err = Files.createTempFile("msa-err", ".txt");
            try {
                Process process =
                        new ProcessBuilder(command)
                                .redirectOutput(out.toFile())
                                .redirectError(err.toFile())
                                .start();
                if (!process.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException(
                            "msa " + String.join(" ", args) + " ran past the time limit");
                }
                return new CommandRun(
                        process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
