package dev.veil.policy.engine;

import dev.veil.policy.compile.Scanner;
import dev.veil.tokenizer.detect.Span;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans each scanner found in each text of one document, so that a text that recurs in the
 * document, or in another view of it, is scanned once: a scanner's spans depend on nothing but the
 * text, so reusing them gives what scanning again would. Held by one {@code apply} or
 * {@link PolicyEngine#applyViews} call and dropped with it, never shared between documents (it
 * holds the document's personal data); not thread-safe.
 */
final class Detections {

    /** By scanner instance (never by equality: another policy's scanner finds other things), then by text. */
    private final Map<Scanner, Map<String, List<Span>>> found = new IdentityHashMap<>();

    /** What {@code scanner.detect(text)} returns (an unmodifiable list), scanning only the first time. */
    List<Span> detect(Scanner scanner, String text) {
        Map<String, List<Span>> byText = found.computeIfAbsent(scanner, s -> new HashMap<>());
        List<Span> spans = byText.get(text);
        if (spans == null) {
            spans = scanner.detect(text);
            byText.put(text, spans);
        }
        return spans;
    }
}
