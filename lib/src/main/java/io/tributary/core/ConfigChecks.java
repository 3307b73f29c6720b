package io.tributary.core;

import java.util.List;

/**
 * The checks config records run in their constructors; each message starts with the setting's
 * snake_case name, so {@code --set} can report it as it is.
 */
public final class ConfigChecks {

    private ConfigChecks() {}

    public static void oneOf(String name, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(
                    name + ": expected one of " + allowed + ", found " + value);
        }
    }

    public static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(
                    name + ": expected a positive number, found " + value);
        }
    }
}
