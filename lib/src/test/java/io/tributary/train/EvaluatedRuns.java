package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.cli.CommandRun;
import java.nio.file.Path;

/** Checks of {@code ./msa evaluate} against the run it reloaded. */
final class EvaluatedRuns {

    private EvaluatedRuns() {}

    /** The command succeeded and printed exactly the test metrics of the run's result.json. */
    static void assertPrintsTheTestMetrics(CommandRun evaluate, Path run) {
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        JsonObject printed = JsonParser.parseString(evaluate.out()).getAsJsonObject();
        RunResult.read(run)
                .test()
                .forEach(
                        (name, value) ->
                                assertEquals(value, printed.get(name).getAsDouble(), 0, name));
    }
}
