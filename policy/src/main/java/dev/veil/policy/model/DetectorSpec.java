package dev.veil.policy.model;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.detect.PiiType;

/**
 * A policy's own detector: a new PII type found by an RE2 regular expression, with the confidence
 * its spans carry and what {@code scan} does to them.
 */
public record DetectorSpec(PiiType type, String regex, double confidence, Treatment treatment, Location at) {

    public DetectorSpec {
        requireNonNull(type, "type");
        requireNonNull(regex, "regex");
        requireNonNull(treatment, "treatment");
        requireNonNull(at, "at");
    }
}
