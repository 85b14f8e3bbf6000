package dev.veil.policy.reveal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/** A document with the tokens its audience may see turned back into values, and the report. */
public record RevealedDocument(JsonNode document, RevealReport report) {

    public RevealedDocument {
        requireNonNull(document, "document");
        requireNonNull(report, "report");
    }
}
