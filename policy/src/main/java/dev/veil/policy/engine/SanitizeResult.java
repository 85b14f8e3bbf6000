package dev.veil.policy.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/** A sanitized document and the report of what was done to it. */
public record SanitizeResult(JsonNode document, SanitizeReport report) {

    public SanitizeResult {
        requireNonNull(document, "document");
        requireNonNull(report, "report");
    }
}
