package dev.veil.gateway.intake;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * Where the gateway records who turned which tokens back into values, and when; never the values.
 * One method, so a JSON-lines file, a log or a test list adapts in a line. A failure to record
 * must throw: the reveal is then refused.
 */
@FunctionalInterface
public interface Audit {

    void record(Event event);

    /**
     * One detokenize call: when, who (the authenticated caller), for which brand, the tokens asked
     * for, and how many were revealed, withheld by the reveal rules, or unresolved.
     */
    record Event(Instant at, String actor, String brand, String action, List<String> tokens, int revealed, int withheld, int unresolved) {

        public Event {
            requireNonNull(at, "at");
            requireNonNull(actor, "actor");
            requireNonNull(brand, "brand");
            requireNonNull(action, "action");
            tokens = List.copyOf(tokens);
        }
    }
}
