package io.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.TestResources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCommandTest {

    @TempDir Path dir;

    /** The last command run, with what it printed. */
    private CommandRun last;

    private int run(String... args) {
        last = CommandRun.of(args);
        return last.exitCode();
    }

    private Path csv(String content) throws Exception {
        Path file = dir.resolve("predictions.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void printsTheGoldenMetricsOfEveryCaseFile() throws Exception {
        JsonArray cases = TestResources.json("fixtures/metrics/golden.json").getAsJsonArray();
        for (int i = 0; i < cases.size(); i++) {
            JsonObject goldenCase = cases.get(i).getAsJsonObject();
            int code =
                    run(
                            "metrics",
                            "--dataset",
                            goldenCase.get("dataset").getAsString(),
                            "--predictions",
                            resource("/fixtures/metrics/case" + i + ".csv").toString());
            assertEquals(0, code, last.err());
            assertEquals(
                    goldenCase.getAsJsonObject("expected"),
                    JsonParser.parseString(last.out()),
                    "case " + i);
        }
    }

    @Test
    void findsColumnsByNameAndIgnoresOthers() throws Exception {
        Path file = csv("id,label,prediction\n\"a,1\",1.0,0.5\nb,-1.0,-2.0\nc,2.0,1.0\n");
        assertEquals(0, run("metrics", "--dataset", "MOSI", "--predictions", file.toString()));
        JsonObject metrics = JsonParser.parseString(last.out()).getAsJsonObject();
        assertEquals(1.0, metrics.get("Has0_acc_2").getAsDouble());
        assertEquals(0.8333, metrics.get("MAE").getAsDouble());
    }

    @Test
    void missingColumnNamesFileLineAndColumn() throws Exception {
        Path file = csv("id,prediction\na,0.5\n");
        assertUserError(
                run("metrics", "--dataset", "MOSI", "--predictions", file.toString()),
                file
                        + ": line 1 (header): expected a column 'label', found columns [id,"
                        + " prediction]");
    }

    @Test
    void nonNumberNamesFileLineAndColumn() throws Exception {
        Path file = csv("prediction,label\n0.5,1\n0.25,abc\n");
        assertUserError(
                run("metrics", "--dataset", "SIMS", "--predictions", file.toString()),
                file + ": line 3, column 'label': expected a finite number, found 'abc'");
    }

    @Test
    void nanIsRefused() throws Exception {
        Path file = csv("prediction,label\n0.5,1\nnan,0.25\n");
        assertUserError(
                run("metrics", "--dataset", "MOSI", "--predictions", file.toString()),
                file + ": line 3, column 'prediction': expected a finite number, found 'nan'");
        csv("prediction,label\n0.5,NaN\n");
        assertUserError(
                run("metrics", "--dataset", "SIMS", "--predictions", file.toString()),
                file + ": line 2, column 'label': expected a finite number, found 'NaN'");
    }

    @Test
    void emptyFileAndHeaderOnlyAreRefused() throws Exception {
        Path file = csv("");
        assertUserError(
                run("metrics", "--dataset", "MOSEI", "--predictions", file.toString()),
                file
                        + ": line 1: expected a header with columns 'prediction' and 'label',"
                        + " found an empty line or file");
        csv("prediction,label\n");
        assertUserError(
                run("metrics", "--dataset", "MOSEI", "--predictions", file.toString()),
                file + ": line 2: expected at least one sample after the header, found none");
    }

    @Test
    void shortRowIsRefused() throws Exception {
        Path file = csv("prediction,label\n0.5\n");
        assertUserError(
                run("metrics", "--dataset", "MOSI", "--predictions", file.toString()),
                file + ": line 2: expected 2 fields as in the header, found 1");
    }

    @Test
    void unknownDatasetIsAUserError() throws Exception {
        Path file = csv("prediction,label\n0.5,1\n");
        int code = run("metrics", "--dataset", "IEMOCAP", "--predictions", file.toString());
        assertEquals(Msa.USER_ERROR, code);
        assertTrue(last.err().contains("--dataset"), last.err());
        assertTrue(last.err().contains("MOSI, MOSEI, SIMS"), last.err());
    }

    @Test
    void missingFileIsAUserError() {
        Path file = dir.resolve("absent.csv");
        int code = run("metrics", "--dataset", "MOSI", "--predictions", file.toString());
        assertEquals(Msa.USER_ERROR, code);
        assertTrue(last.err().startsWith("error: " + file + ": cannot read"), last.err());
    }

    private void assertUserError(int code, String message) {
        assertEquals(Msa.USER_ERROR, code);
        assertEquals("error: " + message + System.lineSeparator(), last.err());
        assertEquals("", last.out());
    }

    private static Path resource(String name) {
        return TestResources.path(name);
    }
}
