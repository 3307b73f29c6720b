package io.tributary.grid;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.annotations.SerializedName;
import io.tributary.core.Choices;
import io.tributary.core.InputException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * An experiment's hyper-parameter search, its {@code "search"} block: which row's settings are
 * tuned, over which space, by which sampler. Trials are scored on the validation split only ({@code
 * ./msa search}):
 *
 * <pre>
 * "search": {"trials": 20, "sampler": "random", "seed": 7, "row": "full",
 *            "space": {"lr_new": [1e-4, 1e-2, "log"], "dropout": [0.0, 0.3, "linear"],
 *                      "gate": ["similarity", "learned"]}}
 * </pre>
 *
 * A numeric range is {@code [low, high, "log"|"linear"]}, drawn uniformly (in log space for {@code
 * log}) and written with four significant digits; anything else is a list of choices. The {@code
 * random} sampler draws {@code trials} trials from a {@link Random} seeded by {@code seed}, each
 * key in the space's order and then the trial's training seed; the {@code grid} sampler takes the
 * cartesian product of the lists (the first key outermost), at most {@code trials} of them, and
 * draws the training seeds from the same {@link Random}. The same block gives the same trials.
 *
 * @param trials how many trials (the {@code grid} sampler's cap: all of the product when absent)
 * @param sampler {@code random} or {@code grid}
 * @param seed seeds the draws and every trial's training seed
 * @param row the experiment row whose model and settings are tuned (default: the first row)
 * @param space each tuned setting's range or choices, in the order they are drawn
 */
public record Search(
        Integer trials, String sampler, Long seed, String row, Map<String, JsonArray> space) {

    /** How trials are drawn. */
    public enum Sampler {
        /** Values drawn at random, ranges uniform (in log space for {@code log}). */
        @SerializedName("random")
        RANDOM,
        /** The cartesian product of the lists of choices. */
        @SerializedName("grid")
        GRID
    }

    /**
     * One trial: its number (from 1), its training seed and its value of every searched key, in the
     * space's order.
     */
    public record Trial(int number, long seed, Map<String, String> values) {}

    /** The largest training seed a trial draws, exclusive. */
    private static final int SEED_BOUND = 100_000;

    /** The trials the block describes, the same for the same block. */
    public List<Trial> draw() {
        Random random = new Random(seed);
        List<Map<String, String>> values =
                switch (samplerKind()) {
                    case RANDOM -> randomValues(random);
                    case GRID -> gridValues();
                };
        List<Trial> drawn = new ArrayList<>();
        for (Map<String, String> trial : values) {
            drawn.add(new Trial(drawn.size() + 1, random.nextInt(SEED_BOUND), trial));
        }
        return drawn;
    }

    /** The row tuned: {@code row}, or the experiment's first. */
    public Experiment.Row tunedRow(Experiment experiment) {
        String name = row != null ? row : experiment.rows().get(0).name();
        return experiment.rows().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private List<Map<String, String>> randomValues(Random random) {
        List<Map<String, String>> values = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            Map<String, String> trial = new LinkedHashMap<>();
            space.forEach((key, spec) -> trial.put(key, drawOne(spec, random)));
            values.add(trial);
        }
        return values;
    }

    private static String drawOne(JsonArray spec, Random random) {
        if (!isRange(spec)) {
            return spec.get(random.nextInt(spec.size())).getAsString();
        }
        double low = spec.get(0).getAsDouble();
        double high = spec.get(1).getAsDouble();
        double u = random.nextDouble();
        double value =
                spec.get(2).getAsString().equals("log")
                        ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)))
                        : low + u * (high - low);
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private List<Map<String, String>> gridValues() {
        List<Map<String, String>> product = new ArrayList<>();
        product.add(new LinkedHashMap<>());
        space.forEach(
                (key, choices) -> {
                    List<Map<String, String>> next = new ArrayList<>();
                    for (Map<String, String> partial : product) {
                        for (JsonElement choice : choices) {
                            Map<String, String> extended = new LinkedHashMap<>(partial);
                            extended.put(key, choice.getAsString());
                            next.add(extended);
                        }
                    }
                    product.clear();
                    product.addAll(next);
                });
        return trials == null || trials >= product.size()
                ? product
                : List.copyOf(product.subList(0, trials));
    }

    private Sampler samplerKind() {
        return Choices.parse("search.sampler", sampler, Sampler.class);
    }

    /** Whether {@code spec} is a numeric range {@code [low, high, "log"|"linear"]}. */
    private static boolean isRange(JsonArray spec) {
        return spec.size() == 3
                && isNumber(spec.get(0))
                && isNumber(spec.get(1))
                && spec.get(2).isJsonPrimitive()
                && List.of("log", "linear").contains(spec.get(2).getAsString());
    }

    private static boolean isNumber(JsonElement element) {
        return element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber();
    }

    /** Checks the block of {@code experiment}, read from {@code file}; errors name the key. */
    void check(Path file, Experiment experiment) {
        if (sampler == null) {
            throw new InputException(file + ": expected the key 'search.sampler'");
        }
        Sampler kind;
        try {
            kind = samplerKind();
        } catch (IllegalArgumentException e) {
            throw new InputException(
                    String.format(
                            "%s: 'search.sampler' %s: expected one of %s",
                            file, sampler, Choices.names(Sampler.class)),
                    e);
        }
        if (seed == null) {
            throw new InputException(file + ": expected the key 'search.seed'");
        }
        if (trials == null && kind == Sampler.RANDOM) {
            throw new InputException(file + ": expected the key 'search.trials'");
        }
        if (trials != null && trials < 1) {
            throw new InputException(
                    file + ": 'search.trials' " + trials + ": expected at least 1");
        }
        if (row != null && experiment.rows().stream().noneMatch(r -> r.name().equals(row))) {
            throw new InputException(
                    String.format(
                            "%s: 'search.row' %s: expected one of %s",
                            file,
                            row,
                            experiment.rows().stream().map(Experiment.Row::name).toList()));
        }
        if (space == null || space.isEmpty()) {
            throw new InputException(
                    file + ": 'search.space': expected at least one setting to search");
        }
        space.forEach((key, spec) -> checkSpec(file, key, spec, kind));
    }

    private static void checkSpec(Path file, String key, JsonArray spec, Sampler kind) {
        String where = String.format("%s: 'search.space.%s' %s", file, key, spec);
        if (spec == null || spec.isEmpty()) {
            throw new InputException(where + ": expected a range or at least one choice");
        }
        if (!isRange(spec)) {
            for (JsonElement choice : spec) {
                if (!choice.isJsonPrimitive()) {
                    throw new InputException(where + ": expected choices that are plain values");
                }
            }
            return;
        }
        if (kind == Sampler.GRID) {
            throw new InputException(
                    where + ": the grid sampler takes lists of choices, found a range");
        }
        double low = spec.get(0).getAsDouble();
        double high = spec.get(1).getAsDouble();
        if (!(low < high)) {
            throw new InputException(where + ": expected low < high");
        }
        if (spec.get(2).getAsString().equals("log") && !(low > 0)) {
            throw new InputException(where + ": expected a positive low for a log range");
        }
    }
}
