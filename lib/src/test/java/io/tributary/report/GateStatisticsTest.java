package io.tributary.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.tributary.core.Json;
import io.tributary.train.RunResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class GateStatisticsTest {

    private static final List<RunResult> INFORMATIVE =
            List.of(run(1, 0.55, 0.7), run(2, 0.57, 0.6), run(3, 0.53, 0.8));
    private static final List<RunResult> NOISE =
            List.of(run(1, 0.45, 0.5), run(2, 0.46, 0.4), run(3, 0.44, 0.5));

    /** scipy 1.17: {@code ttest_ind(a, b, equal_var=False)} and numpy's ddof=1 variances. */
    @Test
    void theDifferenceOfMeanGatesHasTheStandardErrorOverSeeds() {
        GateStatistics.Difference d = GateStatistics.meanGateDifference(INFORMATIVE, NOISE);
        assertEquals(0.55, d.meanA(), 1e-12);
        assertEquals(0.45, d.meanB(), 1e-12);
        assertEquals(0.10000000000000003, d.difference(), 1e-12);
        assertEquals(0.012909944487358039, d.standardError(), 1e-12);
        assertEquals(0.004797999699128, d.pWelch(), 1e-9);
        assertEquals(3, d.nA());
        assertEquals(
                "mean gate 0.5500 (n=3) - 0.4500 (n=3) = 0.1000 ± 0.0129 (SE), Welch p = 0.00480",
                d.toString());
    }

    @Test
    void theTableHasARowPerRunAndAColumnPerLayerAndModality() {
        Map<String, List<RunResult>> conditions = new LinkedHashMap<>();
        conditions.put("informative", INFORMATIVE);
        conditions.put("noise", NOISE);
        Table table = GateStatistics.runs(conditions);
        assertEquals(
                List.of(
                        "condition",
                        "seed",
                        "test MAE",
                        "mean gate",
                        "gate layer_0",
                        "attention acoustic",
                        "attention visual"),
                table.columnNames());
        assertEquals(6, table.rowCount());
        assertEquals("noise", table.stringColumn("condition").get(4));
        assertEquals(2, table.intColumn("seed").get(4));
        assertEquals(0.46, table.doubleColumn("gate layer_0").get(4), 1e-12);
        assertEquals(0.4, table.doubleColumn("attention acoustic").get(4), 1e-12);
        assertEquals(0.6, table.doubleColumn("attention visual").get(4), 1e-12);
        assertTrue(table.printAll().contains("|     0.4600  |"), table.printAll());
    }

    /** A record with one injected layer whose mean gate is {@code gate}. */
    static RunResult run(long seed, double gate, double acoustic) {
        JsonObject record = new JsonObject();
        record.addProperty("seed", seed);
        record.addProperty("mean_gate", gate);
        JsonObject gates = new JsonObject();
        gates.addProperty("layer_0", gate);
        record.add("gates", gates);
        JsonObject attention = new JsonObject();
        attention.addProperty("acoustic", acoustic);
        attention.addProperty("visual", 1 - acoustic);
        record.add("attention", attention);
        JsonObject test = new JsonObject();
        test.addProperty("MAE", 1 - gate);
        record.add("test", test);
        return Json.gson().fromJson(record, RunResult.class);
    }
}
