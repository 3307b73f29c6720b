package io.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.report.RobustnessCurves;
import io.tributary.train.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * {@code ./msa robustness} on two small runs trained once on the bundled sample and BERT (the
 * injection model and text-only BERT, 2 epochs), each corruption evaluated once at rates 0, 0.5 and
 * 1 and shared by every assertion.
 */
class RobustnessCommandTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String SAMPLE =
            ROOT.resolve("datasets/sample/synthetic_aligned.pkl").toString();
    private static final String BERT = ROOT.resolve("datasets/bert-tiny").toString();
    private static final List<String> CORRUPTIONS =
            List.of("random-drop", "structural-drop", "gaussian", "swap");

    @TempDir static Path dir;

    private static String injection;
    private static String text;

    @BeforeAll
    static void trainTwoRunsAndEvaluateEveryCorruption() {
        injection = train("injection", "--set", "nonverbal_hidden=16", "--set", "attention_dim=16");
        text = train("text");
        for (String corrupt : CORRUPTIONS) {
            robustness(corrupt, "1111");
        }
        robustness("gaussian", "1111", "again");
        robustness("gaussian", "7", "seed-7");
    }

    private static String train(String model, String... sets) {
        Path out = dir.resolve(model);
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "train",
                                "--model",
                                model,
                                "--data",
                                SAMPLE,
                                "--bert",
                                BERT,
                                "--out",
                                out.toString(),
                                "--set",
                                "max_epochs=2",
                                "--set",
                                "lr_plm=1e-3"));
        args.addAll(List.of(sets));
        CommandRun run = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return out.toString();
    }

    private static void robustness(String corrupt, String seed, String... name) {
        CommandRun run =
                CommandRun.of(
                        "robustness",
                        "--run",
                        injection,
                        "--run",
                        text,
                        "--data",
                        SAMPLE,
                        "--corrupt",
                        corrupt,
                        "--rates",
                        "0,0.5,1",
                        "--seed",
                        seed,
                        "--out",
                        out(name.length > 0 ? name[0] : corrupt).toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    private static Path out(String name) {
        return dir.resolve("robustness-" + name);
    }

    /** The values of one run at one rate, by metric. */
    private static Map<String, Double> at(String corrupt, String run, double rate) {
        Table table = RobustnessCurves.read(out(corrupt)).table();
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < table.rowCount(); i++) {
            if (table.stringColumn("run").get(i).equals(run)
                    && table.doubleColumn("rate").getDouble(i) == rate) {
                values.put(
                        table.stringColumn("metric").get(i),
                        table.doubleColumn("value").getDouble(i));
            }
        }
        return values;
    }

    @Test
    void rateZeroReproducesEachRunsTestMetricsExactly() {
        for (String corrupt : CORRUPTIONS) {
            for (String run : List.of(injection, text)) {
                RunResult result = RunResult.read(Path.of(run));
                Map<String, Double> atZero = at(corrupt, run, 0);
                result.test().forEach((metric, value) -> assertEquals(value, atZero.get(metric)));
                assertEquals(
                        result.test().keySet().size() + (run.equals(injection) ? 1 : 0),
                        atZero.size(),
                        corrupt + " " + run + ": " + atZero);
            }
            assertEquals(
                    RunResult.read(Path.of(injection)).meanGate(),
                    at(corrupt, injection, 0).get("mean_gate"));
        }
    }

    @Test
    void textOnlysCurveIsFlatAndTheInjectionModelsIsNot() {
        for (String corrupt : CORRUPTIONS) {
            for (double rate : new double[] {0.5, 1}) {
                assertEquals(at(corrupt, text, 0), at(corrupt, text, rate), corrupt + " " + rate);
            }
            assertNotEquals(
                    at(corrupt, injection, 0).get("MAE"),
                    at(corrupt, injection, 1).get("MAE"),
                    corrupt);
        }
    }

    @Test
    void theSameSeedGivesTheSameFileAndAnotherSeedAnother() throws IOException {
        String csv = Files.readString(out("gaussian").resolve(RobustnessCurves.CSV));
        assertEquals(csv, Files.readString(out("again").resolve(RobustnessCurves.CSV)));
        assertNotEquals(csv, Files.readString(out("seed-7").resolve(RobustnessCurves.CSV)));
    }

    @Test
    void theCsvIsLongFormWithTheRunsAsGivenAndAChartPerMetric() throws IOException {
        List<String> lines = Files.readAllLines(out("swap").resolve(RobustnessCurves.CSV));
        assertEquals("run,corrupt,modality,rate,metric,value", lines.get(0));
        assertEquals(
                injection + ",swap,both,0.0,Has0_acc_2", lines.get(1).replaceAll(",[^,]*$", ""));
        Map<String, Long> perRun =
                lines.subList(1, lines.size()).stream()
                        .collect(
                                Collectors.groupingBy(l -> l.split(",")[0], Collectors.counting()));
        assertEquals(Map.of(injection, 3L * 9, text, 3L * 8), perRun);
        for (String metric : RobustnessCurves.read(out("swap")).metrics()) {
            assertTrue(Files.size(out("swap").resolve("robustness-" + metric + ".png")) > 0);
        }
    }

    @Test
    void badOptionsExitTwoWithOneLine() {
        assertRefused(
                "error: --corrupt: expected one of [random-drop, structural-drop, gaussian, swap],"
                        + " found blur",
                injection,
                "blur",
                "both",
                "0");
        assertRefused(
                "error: --modality: expected one of [acoustic, visual, both], found text",
                injection,
                "swap",
                "text",
                "0");
        assertRefused(
                "error: --rates: expected rates in [0, 1], found 1.5",
                injection,
                "swap",
                "both",
                "0,1.5");
        assertRefused(
                "error: --rates 0,half: expected numbers in [0, 1], comma-separated",
                injection,
                "swap",
                "both",
                "0,half");
        Path notARun = dir.resolve("not-a-run");
        assertRefused(
                "error: "
                        + notARun.resolve(RunResult.FILE)
                        + ": cannot read: "
                        + notARun.resolve(RunResult.FILE),
                notARun.toString(),
                "swap",
                "both",
                "0");
    }

    private static void assertRefused(
            String message, String run, String corrupt, String modality, String rates) {
        Path never = dir.resolve("never");
        CommandRun refused =
                CommandRun.of(
                        "robustness",
                        "--run",
                        text,
                        "--run",
                        run,
                        "--data",
                        SAMPLE,
                        "--corrupt",
                        corrupt,
                        "--modality",
                        modality,
                        "--rates",
                        rates,
                        "--out",
                        never.toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertEquals(message, refused.err().strip());
        assertFalse(Files.exists(never));
    }
}
