package io.tributary.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.tributary.train.EpochLog;
import io.tributary.train.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * A run's records as Tablesaw tables, for notebooks: its {@code epochs.jsonl} one line per epoch,
 * and metrics side by side.
 */
public final class RunTables {

    private RunTables() {}

    /**
     * The run's {@code epochs.jsonl}, one line per epoch. Nested objects are flattened with a dot
     * ({@code train.loss}, {@code valid.MAE}, {@code valid_attention.acoustic}); a column whose
     * values are all written as integers is an {@code IntColumn} ({@code epoch}, {@code steps}),
     * other numbers a {@code DoubleColumn}, true and false a {@code BooleanColumn}; arrays (the
     * skipped batches) are left out. A key an epoch does not have is missing there.
     */
    public static Table epochs(Path run) {
        Path file = run.resolve(EpochLog.FILE);
        List<Map<String, JsonPrimitive>> lines = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, JsonPrimitive> values = new LinkedHashMap<>();
                flatten("", JsonParser.parseString(line).getAsJsonObject(), values);
                names.addAll(values.keySet());
                lines.add(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Table table = Table.create(run.getFileName() + " epochs");
        for (String name : names) {
            table.addColumns(column(name, lines.stream().map(l -> l.get(name)).toList()));
        }
        return table;
    }

    /**
     * The run's validation and test metrics from {@code result.json}: columns {@code metric},
     * {@code valid}, {@code test}.
     */
    public static Table metrics(Path run) {
        RunResult result = RunResult.read(run);
        return metrics(
                List.of("valid", "test"),
                List.of(
                        Objects.requireNonNullElse(result.valid(), Map.of()),
                        Objects.requireNonNullElse(result.test(), Map.of())));
    }

    /**
     * Metrics side by side: a {@code metric} column (the metrics in order of first appearance) and
     * one column of values per name; a metric a column does not have is missing there.
     */
    public static Table metrics(List<String> names, List<Map<String, Double>> columns) {
        if (names.size() != columns.size()) {
            throw new IllegalArgumentException(
                    names.size() + " names for " + columns.size() + " columns");
        }
        Set<String> metrics = new LinkedHashSet<>();
        columns.forEach(c -> metrics.addAll(c.keySet()));
        Table table = Table.create("metrics", StringColumn.create("metric", metrics));
        for (int i = 0; i < names.size(); i++) {
            Map<String, Double> values = columns.get(i);
            table.addColumns(
                    DoubleColumn.create(
                            names.get(i),
                            metrics.stream()
                                    .mapToDouble(m -> values.getOrDefault(m, Double.NaN))
                                    .toArray()));
        }
        return table;
    }

    /**
     * {@code table}, its double columns printed with {@code places} decimals (the values are kept
     * as they are): for a notebook to print a table that reads at a glance.
     */
    public static Table rounded(Table table, int places) {
        for (Column<?> column : table.columns()) {
            if (column instanceof DoubleColumn numbers) {
                numbers.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(places));
            }
        }
        return table;
    }

    private static void flatten(
            String prefix, JsonObject object, Map<String, JsonPrimitive> values) {
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            String name = prefix + entry.getKey();
            JsonElement value = entry.getValue();
            if (value.isJsonObject()) {
                flatten(name + ".", value.getAsJsonObject(), values);
            } else if (value.isJsonPrimitive()) {
                values.put(name, value.getAsJsonPrimitive());
            }
        }
    }

    private static Column<?> column(String name, List<JsonPrimitive> values) {
        List<JsonPrimitive> present = values.stream().filter(v -> v != null).toList();
        if (!present.isEmpty() && present.stream().allMatch(JsonPrimitive::isBoolean)) {
            BooleanColumn column = BooleanColumn.create(name);
            values.forEach(v -> appendOrMissing(column, v, () -> column.append(v.getAsBoolean())));
            return column;
        }
        if (present.stream().allMatch(JsonPrimitive::isNumber)) {
            if (present.stream().allMatch(RunTables::isIntegerLiteral)) {
                IntColumn column = IntColumn.create(name);
                values.forEach(v -> appendOrMissing(column, v, () -> column.append(v.getAsInt())));
                return column;
            }
            DoubleColumn column = DoubleColumn.create(name);
            values.forEach(v -> appendOrMissing(column, v, () -> column.append(v.getAsDouble())));
            return column;
        }
        StringColumn column = StringColumn.create(name);
        values.forEach(v -> appendOrMissing(column, v, () -> column.append(v.getAsString())));
        return column;
    }

    private static void appendOrMissing(Column<?> column, JsonPrimitive value, Runnable append) {
        if (value == null) {
            column.appendMissing();
        } else {
            append.run();
        }
    }

    /** Written without a point or an exponent, and within an int: {@code 12}, not {@code 12.0}. */
    private static boolean isIntegerLiteral(JsonPrimitive value) {
        String text = value.getAsString();
        if (!text.matches("-?[0-9]{1,10}")) {
            return false;
        }
        long number = Long.parseLong(text);
        return number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE;
    }
}
