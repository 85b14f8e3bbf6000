package dev.veil.policy.reveal;

import static java.util.Objects.requireNonNull;

/** A text (such as an expert's reply) with the tokens its audience may see turned back into values. */
public record RevealedText(String text, RevealReport report) {

    public RevealedText {
        requireNonNull(text, "text");
        requireNonNull(report, "report");
    }
}
