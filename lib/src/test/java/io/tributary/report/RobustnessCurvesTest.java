package io.tributary.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.Table;

class RobustnessCurvesTest {

    @TempDir Path dir;

    private static Map<String, Double> values(double mae, double corr) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("MAE", mae);
        values.put("Corr", corr);
        return values;
    }

    private static RobustnessCurves curves() {
        RobustnessCurves curves = new RobustnessCurves("swap", "both");
        curves.add("runs/a,b", 0, values(0.5, 0.7));
        curves.add("runs/a,b", 0.5, values(0.75, Double.NaN));
        curves.add("text", 0, values(0.9, 0.3));
        curves.add("text", 0.5, values(0.9, 0.3));
        return curves;
    }

    @Test
    void theCsvIsLongFormUnroundedAndReadsBack() throws IOException {
        curves().write(dir);
        List<String> csv = Files.readAllLines(dir.resolve(RobustnessCurves.CSV));
        assertEquals(
                List.of(
                        "run,corrupt,modality,rate,metric,value",
                        "\"runs/a,b\",swap,both,0.0,MAE,0.5",
                        "\"runs/a,b\",swap,both,0.0,Corr,0.7",
                        "\"runs/a,b\",swap,both,0.5,MAE,0.75",
                        "\"runs/a,b\",swap,both,0.5,Corr,",
                        "text,swap,both,0.0,MAE,0.9",
                        "text,swap,both,0.0,Corr,0.3",
                        "text,swap,both,0.5,MAE,0.9",
                        "text,swap,both,0.5,Corr,0.3"),
                csv);
        RobustnessCurves read = RobustnessCurves.read(dir);
        assertEquals(List.of("MAE", "Corr"), read.metrics());
        assertEquals(8, read.table().rowCount());
        assertTrue(Double.isNaN(read.table().doubleColumn("value").getDouble(3)));
        assertTrue(Files.size(dir.resolve("robustness-MAE.png")) > 0);
        assertTrue(Files.size(dir.resolve("robustness-Corr.png")) > 0);
    }

    @Test
    void aChartHasACurvePerRunWithoutValuesThatAreNotFinite() {
        XYChart chart = curves().chart("Corr");
        Map<String, XYSeries> series = chart.getSeriesMap();
        assertEquals(List.of("runs/a,b", "text"), List.copyOf(series.keySet()));
        assertEquals(1, series.get("runs/a,b").getXData().length);
        assertEquals(2, series.get("text").getXData().length);
        assertEquals(
                "Corr under swap corruption of the acoustic and visual frames", chart.getTitle());
        assertEquals(
                "rate: fraction of samples given another sample's stream", chart.getXAxisTitle());
    }

    @Test
    void byRateIsALinePerRateAndAColumnPerRun() {
        Table wide = curves().byRate("MAE");
        assertEquals(List.of("rate", "runs/a,b", "text"), wide.columnNames());
        assertEquals(0.75, wide.doubleColumn("runs/a,b").getDouble(1));
        assertEquals(0.5, wide.doubleColumn("rate").getDouble(1));
    }

    @Test
    void severalCorruptionsInOneFileAreToldApartInTheLegend() throws IOException {
        Files.writeString(
                dir.resolve(RobustnessCurves.CSV),
                "run,corrupt,modality,rate,metric,value\n"
                        + "text,swap,both,0.0,MAE,0.9\n"
                        + "text,gaussian,acoustic,0.0,MAE,0.9\n");
        XYChart chart = RobustnessCurves.read(dir).chart("MAE");
        assertEquals(
                List.of("text (swap, both)", "text (gaussian, acoustic)"),
                List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals("rate", chart.getXAxisTitle());
    }

    @Test
    void anUnknownMetricOrFileIsAnInputError() throws IOException {
        assertThrows(InputException.class, () -> curves().chart("Accuracy"));
        assertThrows(InputException.class, () -> RobustnessCurves.read(dir));
        Files.writeString(dir.resolve(RobustnessCurves.CSV), "a,b\n");
        InputException e = assertThrows(InputException.class, () -> RobustnessCurves.read(dir));
        assertTrue(e.getMessage().contains("expected the header"), e.getMessage());
    }
}
