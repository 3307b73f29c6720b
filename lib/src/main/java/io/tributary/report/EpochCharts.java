package io.tributary.report;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Line charts of a run's records per epoch ({@link RunTables#epochs}): one line per column, the
 * epoch on the x axis; an epoch where a column is missing or not finite is left out of its line.
 */
public final class EpochCharts {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 450;

    private EpochCharts() {}

    /**
     * A chart of {@code columns} of {@code epochs} against its {@code epoch} column, titled and
     * with the y axis labelled as given (say what the values are and their unit).
     *
     * @throws IllegalArgumentException when a column is not numeric or not in the table
     */
    public static XYChart lines(Table epochs, String title, String yAxis, String... columns) {
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle("epoch")
                        .yAxisTitle(yAxis)
                        .build();
        chart.getStyler().setDecimalPattern("#0.###");
        NumericColumn<?> epoch = epochs.numberColumn("epoch");
        for (String name : columns) {
            if (!epochs.containsColumn(name)) {
                throw new IllegalArgumentException(
                        "no column '"
                                + name
                                + "' in "
                                + epochs.name()
                                + ": "
                                + epochs.columnNames());
            }
            NumericColumn<?> column = epochs.numberColumn(name);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < epochs.rowCount(); i++) {
                double value = column.getDouble(i);
                if (!column.isMissing(i) && Double.isFinite(value)) {
                    x.add(epoch.getDouble(i));
                    y.add(value);
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }
}
