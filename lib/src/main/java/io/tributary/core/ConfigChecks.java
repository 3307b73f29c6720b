package io.tributary.core;

/**
 * The checks config records run in their constructors; each message starts with the setting's
 * snake_case name, so {@code --set} can report it as it is.
 */
public final class ConfigChecks {

    private ConfigChecks() {}

    /** A choice is present: a record read from JSON without the key has none. */
    public static <E extends Enum<E>> void chosen(String name, E value, Class<E> type) {
        if (value == null) {
            throw new IllegalArgumentException(
                    name + ": expected one of " + Choices.names(type) + ", found nothing");
        }
    }

    public static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(
                    name + ": expected a positive number, found " + value);
        }
    }

    /** Above 0 and finite (NaN is not). */
    public static void positive(String name, float value) {
        if (!(value > 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(
                    name + ": expected a positive number, found " + value);
        }
    }

    /** 0 or more and finite (NaN is not). */
    public static void atLeastZero(String name, float value) {
        if (!(value >= 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(name + ": expected 0 or more, found " + value);
        }
    }

    /** In [0, 1): a dropout rate or a fraction of the steps. */
    public static void fraction(String name, float value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(
                    name + ": expected a number in [0, 1), found " + value);
        }
    }
}
