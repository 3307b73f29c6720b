package io.tributary.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class RunTablesTest {

    @TempDir Path run;

    /** Two epochs as the trainer writes them; the second has a key the first lacks. */
    private Table twoEpochs() throws IOException {
        Files.writeString(
                run.resolve("epochs.jsonl"),
                String.join(
                        "\n",
                        "{\"epoch\":1,\"train\":{\"loss\":1.25,\"task\":1.0},\"skipped\":[],"
                                + "\"valid\":{\"MAE\":0.9,\"Has0_acc_2\":1.0},\"best\":true,"
                                + "\"steps\":13}",
                        "{\"epoch\":2,\"train\":{\"loss\":0.5,\"task\":0.25},\"skipped\":[3],"
                                + "\"valid\":{\"MAE\":0.7,\"Has0_acc_2\":1.0},\"best\":false,"
                                + "\"steps\":13,\"valid_mi_ta\":0.3}",
                        ""));
        return RunTables.epochs(run);
    }

    @Test
    void epochsFlattenNestedKeysWithTypesAndMissingValues() throws IOException {
        Table epochs = twoEpochs();
        assertEquals(
                List.of(
                        "epoch",
                        "train.loss",
                        "train.task",
                        "valid.MAE",
                        "valid.Has0_acc_2",
                        "best",
                        "steps",
                        "valid_mi_ta"),
                epochs.columnNames());
        assertEquals(2, epochs.rowCount());
        assertInstanceOf(IntColumn.class, epochs.column("epoch"));
        assertInstanceOf(IntColumn.class, epochs.column("steps"));
        // 1.0 is written with a point: a number that happens to be whole stays a double
        assertInstanceOf(DoubleColumn.class, epochs.column("valid.Has0_acc_2"));
        assertInstanceOf(BooleanColumn.class, epochs.column("best"));
        assertEquals(0.5, epochs.doubleColumn("train.loss").getDouble(1));
        assertEquals(0.7, epochs.doubleColumn("valid.MAE").getDouble(1));
        assertTrue(epochs.booleanColumn("best").get(0));
        assertFalse(epochs.booleanColumn("best").get(1));
        assertTrue(epochs.doubleColumn("valid_mi_ta").isMissing(0));
        assertEquals(0.3, epochs.doubleColumn("valid_mi_ta").getDouble(1));
    }

    @Test
    void lineChartsLeaveMissingEpochsOutAndNameUnknownColumns() throws IOException {
        Table epochs = twoEpochs();
        XYChart chart = EpochCharts.lines(epochs, "Loss", "L1", "train.loss", "valid_mi_ta");
        assertEquals("Loss", chart.getTitle());
        assertEquals("epoch", chart.getXAxisTitle());
        assertEquals(2, chart.getSeriesMap().get("train.loss").getXData().length);
        assertEquals(1, chart.getSeriesMap().get("valid_mi_ta").getXData().length);
        assertEquals(2.0, chart.getSeriesMap().get("valid_mi_ta").getXData()[0]);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> EpochCharts.lines(epochs, "t", "y", "valid.Corr"));
        assertTrue(e.getMessage().contains("valid.Corr"), e.getMessage());
    }

    @Test
    void metricsSideBySideInOrderOfFirstAppearance() {
        Table metrics =
                RunTables.metrics(
                        List.of("a", "b"),
                        List.of(Map.of("MAE", 0.5), Map.of("MAE", 0.25, "Corr", 0.75)));
        assertEquals(List.of("metric", "a", "b"), metrics.columnNames());
        assertEquals(List.of("MAE", "Corr"), metrics.stringColumn("metric").asList());
        assertEquals(0.25, metrics.doubleColumn("b").getDouble(0));
        assertTrue(metrics.doubleColumn("a").isMissing(1));
        assertThrows(
                IllegalArgumentException.class,
                () -> RunTables.metrics(List.of("a"), List.of(Map.of(), Map.of())));
        String printed = RunTables.rounded(metrics, 2).printAll();
        assertTrue(printed.contains("0.25"), printed);
        assertTrue(printed.contains("0.75"), printed);
        assertFalse(printed.contains("0.250"), printed);
        assertEquals(0.25, metrics.doubleColumn("b").getDouble(0));
    }

    @Test
    void metricsOfARunAreItsValidationAndTestMetrics() throws IOException {
        RunRecords.write(run, "full", 1111, "d.pkl", "ab", 0.75);
        Table metrics = RunTables.metrics(run);
        assertEquals(List.of("metric", "valid", "test"), metrics.columnNames());
        int mae = metrics.stringColumn("metric").indexOf("MAE");
        assertEquals(0.25, metrics.doubleColumn("test").getDouble(mae));
    }
}
