package io.tributary.report;

import io.tributary.core.AtomicFiles;
import io.tributary.core.InputException;
import io.tributary.train.RobustnessEvaluation;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Metrics of runs evaluated with corrupted nonverbal frames, against the corruption rate: what
 * {@code ./msa robustness} writes as {@code robustness.csv} (long form, {@code
 * run,corrupt,modality,rate,metric,value}, numbers unrounded as {@link Decimals} writes them, a
 * value that is not finite left empty) and as one metric-versus-rate chart per metric, a curve per
 * run. In a notebook: {@code RobustnessCurves.read(out).image("MAE")}, or, measuring:
 *
 * <pre>{@code
 * RobustnessCurves curves = new RobustnessCurves("gaussian", "both");
 * RobustnessEvaluation.evaluate(runs, data, "test", corruption, rates, curves::add);
 * }</pre>
 */
public final class RobustnessCurves {

    /** The file {@link #write} writes and {@link #read} reads in a folder. */
    public static final String CSV = "robustness.csv";

    static final String CSV_HEADER = "run,corrupt,modality,rate,metric,value";

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private final Table table;
    private final String corrupt;
    private final String modality;

    /** No values yet, of one corruption ({@code gaussian}, ...) of one modality ({@code both}). */
    public RobustnessCurves(String corrupt, String modality) {
        this(
                Table.create(
                        "robustness",
                        StringColumn.create("run"),
                        StringColumn.create("corrupt"),
                        StringColumn.create("modality"),
                        DoubleColumn.create("rate"),
                        StringColumn.create("metric"),
                        DoubleColumn.create("value")),
                corrupt,
                modality);
    }

    private RobustnessCurves(Table table, String corrupt, String modality) {
        this.table = table;
        this.corrupt = corrupt;
        this.modality = modality;
    }

    /** Reads a {@code robustness.csv}, or the one in a folder. */
    public static RobustnessCurves read(Path csv) {
        Path file = Files.isDirectory(csv) ? csv.resolve(CSV) : csv;
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": expected a " + CSV + " (./msa robustness --out)");
        }
        try {
            String header = Files.readAllLines(file).stream().findFirst().orElse("");
            if (!header.equals(CSV_HEADER)) {
                throw new InputException(
                        file + ": expected the header " + CSV_HEADER + ", found " + header);
            }
            ColumnType string = ColumnType.STRING;
            ColumnType number = ColumnType.DOUBLE;
            return new RobustnessCurves(
                    Table.read()
                            .usingOptions(
                                    CsvReadOptions.builder(file.toFile())
                                            .tableName("robustness")
                                            .columnTypes(
                                                    new ColumnType[] {
                                                        string, string, string, number, string,
                                                        number
                                                    })),
                    null,
                    null);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * One run's values at one rate, each a line of the table: what {@code
     * RobustnessEvaluation.evaluate} hands its listener ({@code curves::add}).
     */
    public void add(String run, double rate, Map<String, Double> values) {
        if (corrupt == null) {
            throw new IllegalStateException("curves read from a file take no values");
        }
        values.forEach(
                (metric, value) -> {
                    table.stringColumn("run").append(run);
                    table.stringColumn("corrupt").append(corrupt);
                    table.stringColumn("modality").append(modality);
                    table.doubleColumn("rate").append(rate);
                    table.stringColumn("metric").append(metric);
                    table.doubleColumn("value").append(value);
                });
    }

    /** The long-form table: {@code run, corrupt, modality, rate, metric, value}. */
    public Table table() {
        return table;
    }

    /** The metrics, in the order they first appear. */
    public List<String> metrics() {
        return table.stringColumn("metric").unique().asList();
    }

    /** One metric as a wide table: a line per rate, a column per run. */
    public Table byRate(String metric) {
        Table lines = lines(metric);
        DoubleColumn rate =
                DoubleColumn.create(
                        "rate",
                        Arrays.stream(lines.doubleColumn("rate").asDoubleArray())
                                .distinct()
                                .sorted());
        Table wide = Table.create(metric, rate);
        for (String curve : curves(lines)) {
            Map<Double, Double> values = curve(lines, curve);
            DoubleColumn column = DoubleColumn.create(curve);
            rate.forEach(r -> column.append(values.getOrDefault(r, Double.NaN)));
            wide.addColumns(column);
        }
        return wide;
    }

    /**
     * The metric against the rate, a curve per run (per run, corruption and modality where the
     * table holds more than one of them), points with a value that is not finite left out.
     */
    public XYChart chart(String metric) {
        Table lines = lines(metric);
        List<String> kinds = lines.stringColumn("corrupt").unique().asList();
        List<String> modalities = lines.stringColumn("modality").unique().asList();
        String corruption =
                String.join(", ", kinds)
                        + " corruption of the "
                        + String.join(", ", modalities).replace("both", "acoustic and visual");
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(metric + " under " + corruption + " frames")
                        .xAxisTitle(kinds.size() == 1 ? rateMeaning(kinds.get(0)) : "rate")
                        .yAxisTitle(valueMeaning(metric))
                        .build();
        for (String curve : curves(lines)) {
            Map<Double, Double> values = curve(lines, curve);
            values.values().removeIf(v -> !Double.isFinite(v));
            if (!values.isEmpty()) {
                chart.addSeries(
                        curve, new ArrayList<>(values.keySet()), new ArrayList<>(values.values()));
            }
        }
        return chart;
    }

    /** {@link #chart} as an image, which a notebook shows inline. */
    public BufferedImage image(String metric) {
        return BitmapEncoder.getBufferedImage(chart(metric));
    }

    /** Writes {@code robustness.csv} and {@code robustness-<metric>.png} per metric into out. */
    public void write(Path out) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i < table.rowCount(); i++) {
            csv.append(ResultsTable.csvField(table.stringColumn("run").get(i)))
                    .append(',')
                    .append(ResultsTable.csvField(table.stringColumn("corrupt").get(i)))
                    .append(',')
                    .append(ResultsTable.csvField(table.stringColumn("modality").get(i)))
                    .append(',')
                    .append(Decimals.shortest(table.doubleColumn("rate").getDouble(i)))
                    .append(',')
                    .append(ResultsTable.csvField(table.stringColumn("metric").get(i)))
                    .append(',')
                    .append(Decimals.shortest(table.doubleColumn("value").getDouble(i)))
                    .append('\n');
        }
        AtomicFiles.writeString(out.resolve(CSV), csv.toString());
        for (String metric : metrics()) {
            XYChart chart = chart(metric);
            AtomicFiles.write(
                    out.resolve("robustness-" + metric + ".png"),
                    stream ->
                            BitmapEncoder.saveBitmap(
                                    chart, stream, BitmapEncoder.BitmapFormat.PNG));
        }
    }

    /** What a metric's values are: which way is better, or for the gate its range. */
    private static String valueMeaning(String metric) {
        if (metric.equals(RobustnessEvaluation.MEAN_GATE)) {
            return "mean gate (0 to 1, over valid tokens and injected layers)";
        }
        return metric
                + (ResultsTable.lowerIsBetter(metric)
                        ? " (lower is better)"
                        : " (higher is better)");
    }

    /** What the rate of a corruption measures, with its unit. */
    private static String rateMeaning(String corrupt) {
        return switch (corrupt) {
            case "random-drop" -> "rate: fraction of each sample's valid frames zeroed";
            case "structural-drop" ->
                    "rate: fraction of each sample's valid frames zeroed, one span";
            case "gaussian" -> "rate: noise std as a multiple of each feature's std";
            case "swap" -> "rate: fraction of samples given another sample's stream";
            default -> "rate";
        };
    }

    private Table lines(String metric) {
        Table lines = table.where(table.stringColumn("metric").isEqualTo(metric));
        if (lines.isEmpty()) {
            throw new InputException("metric " + metric + ": expected one of " + metrics());
        }
        return lines;
    }

    /** The curves' names: the run, with corruption and modality where there are several. */
    private static List<String> curves(Table lines) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.rowCount(); i++) {
            String name = curveName(lines, i);
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static String curveName(Table lines, int i) {
        boolean one =
                lines.stringColumn("corrupt").countUnique() == 1
                        && lines.stringColumn("modality").countUnique() == 1;
        String run = lines.stringColumn("run").get(i);
        return one
                ? run
                : run
                        + " ("
                        + lines.stringColumn("corrupt").get(i)
                        + ", "
                        + lines.stringColumn("modality").get(i)
                        + ")";
    }

    /** A curve's value per rate, by rate. */
    private static Map<Double, Double> curve(Table lines, String curve) {
        Map<Double, Double> values = new TreeMap<>();
        for (int i = 0; i < lines.rowCount(); i++) {
            if (curveName(lines, i).equals(curve)) {
                values.put(
                        lines.doubleColumn("rate").getDouble(i),
                        lines.doubleColumn("value").getDouble(i));
            }
        }
        return values;
    }
}
