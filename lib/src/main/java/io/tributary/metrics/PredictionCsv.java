package io.tributary.metrics;

import io.tributary.core.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file of predictions and labels: a header naming the columns, then one sample per line. The
 * columns {@code prediction} and {@code label} are found by name; other columns (such as {@code
 * id}) are ignored. Fields may be quoted with {@code "}, a quote inside written {@code ""}; blank
 * lines are skipped.
 *
 * @param predictions the {@code prediction} column, in file order
 * @param labels the {@code label} column, in file order
 */
public record PredictionCsv(float[] predictions, float[] labels) {

    static final String PREDICTION = "prediction";
    static final String LABEL = "label";

    /** Reads {@code file}; every problem is an {@link InputException} naming file, line, column. */
    public static PredictionCsv read(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || header.isBlank()) {
                throw new InputException(
                        file
                                + ": line 1: expected a header with columns 'prediction' and"
                                + " 'label', found an empty line or file");
            }
            List<String> columns = fields(header).stream().map(String::strip).toList();
            int predictionColumn = column(file, columns, PREDICTION);
            int labelColumn = column(file, columns, LABEL);
            List<float[]> rows = new ArrayList<>();
            int lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> values = fields(line);
                if (values.size() != columns.size()) {
                    throw new InputException(
                            String.format(
                                    "%s: line %d: expected %d fields as in the header, found %d",
                                    file, lineNumber, columns.size(), values.size()));
                }
                rows.add(
                        new float[] {
                            number(file, lineNumber, PREDICTION, values.get(predictionColumn)),
                            number(file, lineNumber, LABEL, values.get(labelColumn))
                        });
            }
            if (rows.isEmpty()) {
                throw new InputException(
                        file
                                + ": line 2: expected at least one sample after the header, found none");
            }
            float[] predictions = new float[rows.size()];
            float[] labels = new float[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                predictions[i] = rows.get(i)[0];
                labels[i] = rows.get(i)[1];
            }
            return new PredictionCsv(predictions, labels);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e, e);
        }
    }

    private static int column(Path file, List<String> columns, String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new InputException(
                    String.format(
                            "%s: line 1 (header): expected a column '%s', found columns %s",
                            file, name, columns));
        }
        return index;
    }

    private static float number(Path file, int line, String column, String text) {
        float value;
        try {
            value = Float.parseFloat(text.strip());
        } catch (NumberFormatException e) {
            value = Float.NaN;
        }
        if (!Float.isFinite(value)) {
            throw new InputException(
                    String.format(
                            "%s: line %d, column '%s': expected a finite number, found '%s'",
                            file, line, column, text));
        }
        return value;
    }

    /** The fields of one line: split at commas outside quotes, quotes removed. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
