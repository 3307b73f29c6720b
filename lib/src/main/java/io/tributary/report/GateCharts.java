package io.tributary.report;

import io.tributary.core.AtomicFiles;
import io.tributary.train.GateTrace;
import io.tributary.train.RunResult;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * The charts of the gate analysis, each one call that returns the image (a notebook shows it
 * inline) and {@link #writePng} to keep it: the gate per layer and token position (heatmap), its
 * distribution per layer (histograms), a sample's gate against its |label| (scatter), all from a
 * {@link GateTrace}; and the attention per modality over runs (bars), from their records.
 */
public final class GateCharts {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 450;
    private static final int BINS = 20;

    private GateCharts() {}

    /** The mean gate per injected layer (rows) and token position (columns) over the samples. */
    public static BufferedImage heatmap(GateTrace trace) {
        double[][] means = trace.positionGates();
        List<Integer> positions = new ArrayList<>();
        for (int t = 0; t < means[0].length; t++) {
            positions.add(t);
        }
        List<String> layers = trace.layers().stream().map(k -> "layer " + k).toList();
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < means.length; i++) {
            for (int t = 0; t < means[i].length; t++) {
                if (!Double.isNaN(means[i][t])) {
                    cells.add(new Number[] {t, i, means[i][t]});
                }
            }
        }
        HeatMapChart chart =
                new HeatMapChartBuilder()
                        .width(WIDTH)
                        .height(Math.max(HEIGHT / 2, 120 * layers.size()))
                        .title(title(trace, "mean gate g per layer and token position"))
                        .xAxisTitle("token position (0 = [CLS])")
                        .yAxisTitle("injected layer")
                        .build();
        chart.getStyler().setShowValue(positions.size() <= 24);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        chart.getStyler().setLegendVisible(true);
        chart.addSeries("mean gate", positions, layers, cells);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Per injected layer, the share of valid tokens whose gate falls in each of 20 bins between the
     * smallest and the largest gate of the split.
     */
    public static BufferedImage histograms(GateTrace trace) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float[][] layer : trace.gates()) {
            for (int s = 0; s < layer.length; s++) {
                for (int t = 0; t < layer[s].length; t++) {
                    if (trace.mask()[s][t] > 0) {
                        min = Math.min(min, layer[s][t]);
                        max = Math.max(max, layer[s][t]);
                    }
                }
            }
        }
        double width = Math.max(max - min, 1e-6) / BINS;
        List<String> centres = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            centres.add(String.format(Locale.ROOT, "%.3f", min + (b + 0.5) * width));
        }
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title(trace, "distribution of the gate g per layer"))
                        .xAxisTitle("gate g (bin centre)")
                        .yAxisTitle("share of valid tokens (%)")
                        .build();
        chart.getStyler().setXAxisLabelRotation(60);
        for (int i = 0; i < trace.layers().size(); i++) {
            double[] share = new double[BINS];
            double valid = 0;
            float[][] layer = trace.gates()[i];
            for (int s = 0; s < layer.length; s++) {
                for (int t = 0; t < layer[s].length; t++) {
                    if (trace.mask()[s][t] > 0) {
                        share[Math.min(BINS - 1, (int) ((layer[s][t] - min) / width))]++;
                        valid++;
                    }
                }
            }
            List<Double> percent = new ArrayList<>();
            for (double count : share) {
                percent.add(100 * count / valid);
            }
            chart.addSeries("layer " + trace.layers().get(i), centres, percent);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Each sample's gate (mean over its valid tokens and the injected layers) against the size of
     * its label, |y|, with Pearson's r in the title. Needs one score per sample (a regression
     * task).
     */
    public static BufferedImage gateAgainstLabel(GateTrace trace) {
        double[] gates = trace.sampleGates();
        float[] labels = trace.labels();
        if (labels.length != gates.length) {
            throw new IllegalArgumentException(
                    "gate against |label|: expected one label per sample (a regression task),"
                            + " found "
                            + labels.length
                            + " labels for "
                            + gates.length
                            + " samples");
        }
        double[] size = new double[labels.length];
        for (int s = 0; s < size.length; s++) {
            size[s] = Math.abs(labels[s]);
        }
        double r = new PearsonsCorrelation().correlation(size, gates);
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(
                                title(
                                        trace,
                                        String.format(
                                                Locale.ROOT,
                                                "a sample's mean gate against |label| (Pearson r ="
                                                        + " %.2f)",
                                                r)))
                        .xAxisTitle("|label| (sentiment intensity, score units)")
                        .yAxisTitle("mean gate g over the sample's tokens")
                        .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(5);
        chart.addSeries("samples", size, gates);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * The mean attention weight per nonverbal modality on the test split, a bar per condition (mean
     * over its runs, error bar the std over seeds), from the runs' {@code result.json}.
     */
    public static BufferedImage attention(Map<String, List<RunResult>> conditions) {
        TreeSet<String> modalities = new TreeSet<>();
        conditions
                .values()
                .forEach(runs -> runs.forEach(r -> modalities.addAll(r.attention().keySet())));
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(
                                "additive attention per modality (test split, mean ± std over seeds)")
                        .xAxisTitle("modality of the key")
                        .yAxisTitle("mean attention weight a_tj")
                        .build();
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        conditions.forEach(
                (name, runs) -> {
                    List<Double> means = new ArrayList<>();
                    List<Double> stds = new ArrayList<>();
                    for (String modality : modalities) {
                        double[] values =
                                runs.stream()
                                        .mapToDouble(r -> r.attention().getOrDefault(modality, 0.0))
                                        .toArray();
                        means.add(StatUtils.mean(values));
                        stds.add(values.length > 1 ? Math.sqrt(StatUtils.variance(values)) : 0.0);
                    }
                    chart.addSeries(name, List.copyOf(modalities), means, stds);
                });
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Writes {@code image} as a PNG file (complete or not at all). */
    public static void writePng(BufferedImage image, Path file) {
        AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
    }

    /** The run named by its folder and the folder's parent, e.g. {@code large/informative-1}. */
    private static String title(GateTrace trace, String what) {
        Path run = trace.run().toAbsolutePath().normalize();
        String name =
                run.getParent() == null || run.getParent().getFileName() == null
                        ? String.valueOf(run.getFileName())
                        : run.getParent().getFileName() + "/" + run.getFileName();
        return name + " (" + trace.split() + "): " + what;
    }
}
