package io.tributary.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

class BarChartsTest {

    @TempDir Path runs;

    @Test
    void aChartHasABarPerRowWithItsMeanAndStd() throws IOException {
        RunRecords.write(runs.resolve("full/1"), "full", 1, "d.pkl", "ab", 0.8);
        RunRecords.write(runs.resolve("full/2"), "full", 2, "d.pkl", "ab", 0.6);
        RunRecords.write(runs.resolve("text/1"), "text", 1, "d.pkl", "ab", 0.5);
        var summary = ResultsTable.read(runs).summary("full");

        CategoryChart chart = BarCharts.chart(summary, "d.pkl", "Has0_acc_2").orElseThrow();
        CategorySeries bars = chart.getSeriesMap().get("Has0_acc_2");
        assertEquals(List.of("full", "text"), bars.getXData());
        assertEquals(0.7, bars.getYData().stream().findFirst().orElseThrow().doubleValue(), 1e-12);
        double[] errors =
                bars.getExtraValues() == null
                        ? new double[0]
                        : bars.getExtraValues().stream().mapToDouble(Number::doubleValue).toArray();
        // std of 0.8 and 0.6 (ddof 1); one seed has no std, drawn as 0
        assertArrayEquals(new double[] {Math.sqrt(0.02), 0.0}, errors, 1e-12);
        assertEquals("d.pkl: Has0_acc_2", chart.getTitle());
        assertTrue(BarCharts.chart(summary, "other.pkl", "MAE").isEmpty());
    }
}
