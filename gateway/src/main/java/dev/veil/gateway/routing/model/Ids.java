package dev.veil.gateway.routing.model;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.routing.config.WideningStep;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks the identifiers and names routing accepts; messages never echo the rejected value. */
final class Ids {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern BRAND = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    private Ids() {
    }

    static String id(String value, String name) {
        requireNonNull(value, name);
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + ": not a valid id (expected: 1 to 128 of A-Z a-z 0-9 . _ : -)");
        }
        return value;
    }

    static String brand(String value) {
        requireNonNull(value, "brand");
        if (!BRAND.matcher(value).matches()) {
            throw new IllegalArgumentException("brand: not a valid brand id (expected: 1 to 64 of a-z 0-9 _ -)");
        }
        return value;
    }

    static String name(String value, String name) {
        requireNonNull(value, name);
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(name + ": not a valid name (expected: 1 to 64 of a-z 0-9 _ -)");
        }
        return value;
    }

    static String language(String value) {
        requireNonNull(value, "language");
        if (!LANGUAGE.matcher(value).matches()) {
            throw new IllegalArgumentException("language: not a language code (expected: 2 or 3 lower-case letters)");
        }
        return value;
    }

    static Map<String, Integer> levels(Map<String, Integer> levels, String name) {
        requireNonNull(levels, name);
        levels.forEach((skill, level) -> {
            name(skill, name + " skill");
            requireNonNull(level, name + " level");
            if (level < 1 || level > WideningStep.MAX_LEVEL) {
                throw new IllegalArgumentException(
                        name + " level: " + level + " (expected: 1 to " + WideningStep.MAX_LEVEL + ")");
            }
        });
        return Map.copyOf(levels);
    }
}
