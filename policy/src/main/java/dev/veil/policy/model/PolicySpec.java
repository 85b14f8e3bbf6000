package dev.veil.policy.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy as written, checked for consistency but not yet compiled: what the loader returns and
 * the compiler takes. Maps keep the order of the file.
 */
public record PolicySpec(
        String name,
        String brand,
        int version,
        String description,
        Defaults defaults,
        Map<String, TokenProfile> tokens,
        List<FieldRule> fields,
        Map<String, View> views,
        List<RevealRule> reveal,
        List<DetectorSpec> detectors,
        String file) {

    public PolicySpec {
        requireNonNull(name, "name");
        requireNonNull(brand, "brand");
        requireNonNull(defaults, "defaults");
        tokens = Collections.unmodifiableMap(new LinkedHashMap<>(tokens));
        fields = List.copyOf(fields);
        views = Collections.unmodifiableMap(new LinkedHashMap<>(views));
        reveal = List.copyOf(reveal);
        detectors = List.copyOf(detectors);
        requireNonNull(file, "file");
    }
}
