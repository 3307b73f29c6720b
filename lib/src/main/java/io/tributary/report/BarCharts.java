package io.tributary.report;

import io.tributary.core.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import tech.tablesaw.api.Table;

/**
 * One bar chart per dataset and metric, {@code <dataset>-<metric>.png}: a bar per row with values,
 * its height the mean over seeds and its error bar the standard deviation (none for one seed).
 * {@link #chart} is one of them, for a notebook to show.
 */
public final class BarCharts {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private BarCharts() {}

    /**
     * Writes {@code <dataset>-<metric>.png} into {@code out} for every dataset and metric of a
     * {@link ResultsTable#summary} that has a finite mean.
     */
    static void write(Table summary, Path out) {
        for (String dataset : summary.stringColumn("dataset").unique().asList()) {
            List<SummaryLine> lines = SummaryLine.of(summary, dataset);
            for (String metric : lines.stream().map(SummaryLine::metric).distinct().toList()) {
                chart(summary, dataset, metric)
                        .ifPresent(
                                chart ->
                                        AtomicFiles.write(
                                                out.resolve(dataset + "-" + metric + ".png"),
                                                stream ->
                                                        BitmapEncoder.saveBitmap(
                                                                chart,
                                                                stream,
                                                                BitmapEncoder.BitmapFormat.PNG)));
            }
        }
    }

    /**
     * The bar chart of {@code metric} on {@code dataset} in a {@link ResultsTable#summary}: a bar
     * per row with a finite mean, in the summary's order; empty when there is none.
     */
    public static Optional<CategoryChart> chart(Table summary, String dataset, String metric) {
        List<SummaryLine> bars =
                SummaryLine.of(summary, dataset).stream()
                        .filter(l -> l.metric().equals(metric))
                        .filter(l -> Double.isFinite(l.mean()))
                        .toList();
        if (bars.isEmpty()) {
            return Optional.empty();
        }
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(dataset + ": " + metric)
                        .xAxisTitle("row")
                        .yAxisTitle(metric + " (mean ± std over seeds)")
                        .build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(45); // row names side by side overlap
        chart.addSeries(
                metric,
                bars.stream().map(SummaryLine::row).toList(),
                bars.stream().map(SummaryLine::mean).toList(),
                bars.stream().map(l -> Double.isFinite(l.std()) ? l.std() : 0.0).toList());
        return Optional.of(chart);
    }
}
