package io.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.tributary.TestResources;
import io.tributary.tensors.SafetensorsFile;
import io.tributary.tensors.SafetensorsWriter;
import io.tributary.testing.Golden;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ./msa forward} reproduces the reference fixtures' outputs from their own tensors. */
class ForwardCommandTest {

    private static final float TOLERANCE = 1e-5f;
    private static final Path INJECT = TestResources.fixture("inject/inject_golden.safetensors");
    private static final Path MAG = TestResources.fixture("mag/mag_golden.safetensors");

    /** The fixture's settings of the injection branch (not the defaults). */
    private static final List<String> BRANCH_SETTINGS =
            List.of("--set", "attention_dim=32", "--set", "branch_ff=64");

    @TempDir Path dir;

    @Test
    void injectionBranchGivesTheFixturesOutputs() {
        Path out = dir.resolve("branch.safetensors");
        run(0, "--block", "injection-branch", "--in", INJECT, BRANCH_SETTINGS, "--out", out);
        assertOutputs(INJECT, "branch.output.", out);
    }

    @Test
    void alignmentLossesGiveTheFixturesValuesAndGradients() {
        Path out = dir.resolve("losses.safetensors");
        run(
                0,
                "--block",
                "alignment-losses",
                "--in",
                INJECT,
                "--set",
                "gamma=0.2",
                "--grad",
                "--out",
                out);
        assertOutputs(INJECT, "loss.", out, "loss.input.");
    }

    @Test
    void alignmentLossesWithoutGradWriteTheValuesOnly() {
        Path out = dir.resolve("losses.safetensors");
        run(0, "--block", "alignment-losses", "--in", INJECT, "--out", out);
        assertOutputs(INJECT, "loss.output.", out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "0.05", "50.0"})
    void magGivesTheFixturesOutputUnderItsPrefix(String beta) {
        Path out = dir.resolve("mag.safetensors");
        String prefix = "beta" + beta + ".";
        run(
                0,
                "--block",
                "mag",
                "--in",
                MAG,
                "--prefix",
                prefix,
                "--set",
                "beta_shift=" + beta,
                "--out",
                out);
        assertOutputs(MAG, prefix + "output", out);
    }

    @Test
    void missingTensorIsNamed() {
        Path in = copy(INJECT, Map.of("branch.input.M", a -> null));
        CommandRun run = run(2, "--block", "injection-branch", "--in", in, BRANCH_SETTINGS);
        assertEquals(line(in + ": no tensor named 'branch.input.M'"), run.err());
    }

    @Test
    void wrongWeightShapeNamesExpectedAndFound() {
        CommandRun run = run(2, "--block", "injection-branch", "--in", INJECT);
        assertEquals(
                line(INJECT + ": tensor 'branch.Wq.weight' has shape (32, 32), expected (128, 32)"),
                run.err());
    }

    @Test
    void wrongInputShapeNamesExpectedAndFound() {
        Path in = copy(MAG, Map.of("beta1.0.input.visual", a -> a.get(":, :, :40")));
        CommandRun run = run(2, "--block", "mag", "--in", in, "--prefix", "beta1.0.");
        assertEquals(
                line(
                        in
                                + ": tensor 'beta1.0.input.visual' has shape (3, 7, 40), expected"
                                + " (3, 7, 47)"),
                run.err());
    }

    @Test
    void unknownBlockIsNamed() {
        CommandRun run = run(2, "--block", "lstm", "--in", INJECT);
        assertEquals(
                line(
                        "--block: expected one of [injection-branch, alignment-losses, mag], found lstm"),
                run.err());
    }

    @Test
    void settingsTheBlockDoesNotTakeAreNamed() {
        assertEquals(
                line("--set gamma: not a setting of block mag; expected one of [beta_shift]"),
                run(2, "--block", "mag", "--in", MAG, "--set", "gamma=0.2").err());
        assertEquals(
                line(
                        "--set colour: not a setting of block injection-branch; expected one of"
                                + " [attention_dim, branch_ff, gate]"),
                run(2, "--block", "injection-branch", "--in", INJECT, "--set", "colour=red").err());
        assertEquals(
                line("--set gate: expected one of [similarity, learned, none], found open"),
                run(2, "--block", "injection-branch", "--in", INJECT, "--set", "gate=open").err());
    }

    @Test
    void gradIsRefusedForOtherBlocks() {
        CommandRun run = run(2, "--block", "mag", "--in", MAG, "--prefix", "beta1.0.", "--grad");
        assertEquals(
                line("--grad: only block alignment-losses has gradients, found block mag"),
                run.err());
    }

    /**
     * Runs {@code ./msa forward} on the arguments (paths and lists flattened; {@code --out} added
     * where missing) and checks its exit code and, for 2, that it printed nothing else.
     */
    private CommandRun run(int exitCode, Object... args) {
        List<String> line = new ArrayList<>(List.of("forward"));
        for (Object arg : args) {
            if (arg instanceof List<?> list) {
                list.forEach(item -> line.add(item.toString()));
            } else {
                line.add(arg.toString());
            }
        }
        if (!line.contains("--out")) {
            line.addAll(List.of("--out", dir.resolve("out.safetensors").toString()));
        }
        CommandRun run = CommandRun.of(line.toArray(String[]::new));
        assertEquals(exitCode, run.exitCode(), run.err());
        assertEquals("", run.out());
        return run;
    }

    /**
     * {@code out} holds exactly the tensors of {@code fixture} whose names start with {@code
     * outputs} (except those starting with one of {@code except}), each within the tolerance.
     */
    private static void assertOutputs(Path fixture, String outputs, Path out, String... except) {
        SafetensorsFile expected = SafetensorsFile.open(fixture);
        SafetensorsFile actual = SafetensorsFile.open(out);
        Set<String> names =
                expected.keys().stream()
                        .filter(k -> k.startsWith(outputs))
                        .filter(k -> Stream.of(except).noneMatch(k::startsWith))
                        .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(names, new TreeSet<>(actual.keys()));
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String name : names) {
                Golden.assertClose(
                        name,
                        expected.array(name, manager),
                        actual.array(name, manager),
                        TOLERANCE);
            }
        }
    }

    /** A copy of {@code file} with the tensors of {@code changes} changed, or dropped for null. */
    private Path copy(Path file, Map<String, UnaryOperator<NDArray>> changes) {
        SafetensorsFile source = SafetensorsFile.open(file);
        Path copy = dir.resolve("changed-" + file.getFileName());
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            for (String key : source.keys()) {
                NDArray array = source.array(key, manager);
                array = changes.getOrDefault(key, UnaryOperator.identity()).apply(array);
                if (array != null) {
                    tensors.put(key, array);
                }
            }
            SafetensorsWriter.write(copy, tensors, Map.of());
        }
        return copy;
    }

    private static String line(String message) {
        return "error: " + message + System.lineSeparator();
    }
}
