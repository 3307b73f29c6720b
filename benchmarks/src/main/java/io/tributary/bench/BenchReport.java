package io.tributary.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.core.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The report of one benchmark run, from the folder that holds its {@code jmh*.json} (JMH's JSON)
 * and {@code machine.json} ({@link BenchMachine}): {@code table.md}, one table per benchmark class
 * with each method's score ± error per parameter set, samples per second where a {@code batch}
 * parameter gives the batch, and the score over the baseline beside it; and {@code <Class>.png}, a
 * bar chart per class of the scores (log scale), one bar group per method and one bar per parameter
 * set that every method of the class ran with.
 *
 * <p>A method's baseline is the class's {@code baseline*} method of the same parameters whose name
 * shares the longest ending with the method's ({@code branchForwardBackward} with {@code
 * baselineBertLayerForwardBackward}); the first such in JMH's order on a tie.
 *
 * <p>{@code java -cp benchmarks.jar io.tributary.bench.BenchReport DIR}
 */
public final class BenchReport {

    private static final String BASELINE = "baseline";

    /** One JMH result: class, method, parameters, score, error and unit. */
    record Result(
            String type,
            String method,
            Map<String, String> params,
            double score,
            double error,
            String unit) {

        /** The parameters as {@code size=base batch=32}, in name order. */
        String paramText() {
            List<String> parts = new ArrayList<>();
            params.forEach((name, value) -> parts.add(name + "=" + value));
            return String.join(" ", parts);
        }

        boolean baseline() {
            return method.startsWith(BASELINE);
        }

        /** Samples per second, when a batch parameter and a time unit say it; else NaN. */
        double samplesPerSecond() {
            String batch = params.get("batch");
            double seconds = seconds(unit);
            return batch == null || Double.isNaN(seconds)
                    ? Double.NaN
                    : Integer.parseInt(batch) / (score * seconds);
        }
    }

    private BenchReport() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: BenchReport DIR (holding jmh.json and machine.json)");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        if (!Files.isRegularFile(dir.resolve("machine.json")) || jmhFiles(dir).isEmpty()) {
            System.err.println(dir + ": expected a benchmark run's machine.json and jmh*.json");
            System.exit(2);
        }
        write(dir);
    }

    /** Writes {@code table.md} and the charts into {@code dir}, from its JSON files. */
    static void write(Path dir) {
        List<Result> results = new ArrayList<>();
        for (Path file : jmhFiles(dir)) {
            results.addAll(read(file));
        }
        JsonObject machine =
                JsonParser.parseString(text(dir.resolve("machine.json"))).getAsJsonObject();
        AtomicFiles.writeString(dir.resolve("table.md"), table(results, machine));
        for (Map.Entry<String, List<Result>> type : byType(results).entrySet()) {
            CategoryChart chart = chart(type.getKey(), type.getValue());
            AtomicFiles.write(
                    dir.resolve(type.getKey() + ".png"),
                    out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        }
    }

    /** The folder's JMH JSON files, {@code jmh*.json}, in name order. */
    static List<Path> jmhFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("jmh.*\\.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The results of a JMH JSON file, in its order. */
    static List<Result> read(Path file) {
        List<Result> results = new ArrayList<>();
        for (JsonElement element : JsonParser.parseString(text(file)).getAsJsonArray()) {
            JsonObject run = element.getAsJsonObject();
            String benchmark = run.get("benchmark").getAsString();
            String qualifiedType = benchmark.substring(0, benchmark.lastIndexOf('.'));
            Map<String, String> params = new TreeMap<>();
            if (run.has("params")) {
                run.getAsJsonObject("params")
                        .entrySet()
                        .forEach(p -> params.put(p.getKey(), p.getValue().getAsString()));
            }
            JsonObject metric = run.getAsJsonObject("primaryMetric");
            JsonElement error = metric.get("scoreError");
            results.add(
                    new Result(
                            qualifiedType.substring(qualifiedType.lastIndexOf('.') + 1),
                            benchmark.substring(benchmark.lastIndexOf('.') + 1),
                            params,
                            metric.get("score").getAsDouble(),
                            error.isJsonPrimitive() && !error.getAsString().equals("NaN")
                                    ? error.getAsDouble()
                                    : Double.NaN,
                            metric.get("scoreUnit").getAsString()));
        }
        return results;
    }

    static String table(List<Result> results, JsonObject machine) {
        StringBuilder md = new StringBuilder("# Benchmarks\n\n");
        md.append(
                String.format(
                        "%s, %s cores, %s threads; Java %s, DJL %s, PyTorch %s; code %s; load"
                                + " average at the start %s.%n",
                        string(machine, "cpu_model"),
                        string(machine, "cpu_cores"),
                        string(machine, "cpu_threads"),
                        string(machine, "java"),
                        string(machine, "djl"),
                        string(machine, "pytorch"),
                        string(machine, "code_version"),
                        string(machine, "load_average")));
        if (machine.has("command")) {
            md.append("\nCommand: `").append(string(machine, "command")).append("`\n");
        }
        JsonObject environment = machine.getAsJsonObject("environment");
        if (environment != null && !environment.entrySet().isEmpty()) {
            md.append("\nEnvironment: ");
            md.append(
                    String.join(
                            ", ",
                            environment.entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue().getAsString())
                                    .toList()));
            md.append("\n");
        }
        for (Map.Entry<String, List<Result>> type : byType(results).entrySet()) {
            md.append("\n## ").append(type.getKey()).append("\n\n");
            md.append(
                    "| method | parameters | score | ± error | unit | samples/s | × baseline |\n");
            md.append("| --- | --- | ---: | ---: | --- | ---: | ---: |\n");
            for (Result result : type.getValue()) {
                Result baseline = baselineOf(result, type.getValue());
                md.append(
                        String.format(
                                "| %s | %s | %s | %s | %s | %s | %s |%n",
                                result.method(),
                                result.paramText(),
                                number(result.score()),
                                number(result.error()),
                                result.unit(),
                                number(result.samplesPerSecond()),
                                baseline == null
                                        ? ""
                                        : number(result.score() / baseline.score())
                                                + " ("
                                                + baseline.method()
                                                + ")"));
            }
        }
        return md.toString();
    }

    /** The baseline a method is set against, or null for a baseline or a class without one. */
    static Result baselineOf(Result result, List<Result> sameType) {
        if (result.baseline()) {
            return null;
        }
        Result best = null;
        int longest = -1;
        for (Result candidate : sameType) {
            if (candidate.baseline() && candidate.params().equals(result.params())) {
                int common = commonEnding(candidate.method(), result.method());
                if (common > longest) {
                    longest = common;
                    best = candidate;
                }
            }
        }
        return best;
    }

    private static int commonEnding(String a, String b) {
        int n = 0;
        while (n < a.length()
                && n < b.length()
                && a.charAt(a.length() - 1 - n) == b.charAt(b.length() - 1 - n)) {
            n++;
        }
        return n;
    }

    private static CategoryChart chart(String type, List<Result> results) {
        String unit = results.get(0).unit();
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(1000)
                        .height(560)
                        .title(type + " (lower is faster)")
                        .xAxisTitle("method")
                        .yAxisTitle("time per operation (" + unit + ", log scale)")
                        .build();
        chart.getStyler().setYAxisLogarithmic(true);
        double smallest = results.stream().mapToDouble(Result::score).min().orElse(1);
        chart.getStyler().setYAxisMin(smallest / 2); // bars start at 0 unless told
        chart.getStyler().setXAxisLabelRotation(20);
        List<String> methods = results.stream().map(Result::method).distinct().toList();
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        for (Result result : results) {
            series.computeIfAbsent(result.paramText(), p -> new LinkedHashMap<>())
                    .put(result.method(), result.score());
        }
        series.forEach(
                (params, scores) -> {
                    if (scores.keySet().containsAll(methods)) {
                        chart.addSeries(
                                params.isEmpty() ? type : params,
                                methods,
                                methods.stream().map(scores::get).toList());
                    }
                });
        return chart;
    }

    private static Map<String, List<Result>> byType(List<Result> results) {
        Map<String, List<Result>> types = new LinkedHashMap<>();
        for (Result result : results) {
            types.computeIfAbsent(result.type(), t -> new ArrayList<>()).add(result);
        }
        return types;
    }

    /** Seconds per one of JMH's time units ({@code ms/op}), or NaN for other units. */
    private static double seconds(String unit) {
        return switch (unit) {
            case "s/op" -> 1;
            case "ms/op" -> 1e-3;
            case "us/op" -> 1e-6;
            case "ns/op" -> 1e-9;
            default -> Double.NaN;
        };
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : "%.3g", value);
    }

    private static String string(JsonObject json, String key) {
        return json.has(key) ? json.get(key).getAsString() : "unknown";
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
