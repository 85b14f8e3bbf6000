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

    /** A brand's CRM asked for tokens back ({@code POST /v1/brands/{brand}/detokenize}); the actor is the caller. */
    String DETOKENIZE = "detokenize";
    /** An expert's reply quoted tokens that were revealed (or withheld) for the CRM; the actor is the expert id. */
    String REPLY_REVEAL = "reply_reveal";
    /** An expert's proxy-route request body quoted tokens revealed (or withheld) for the CRM; the actor is the expert id. */
    String PROXY_REVEAL = "proxy_reveal";

    void record(Event event);

    /**
     * One reveal: when, who (the authenticated caller, or the replying expert), for which brand and
     * ticket (null for a detokenize call), the tokens concerned (never their values), and how many
     * were revealed, withheld by the reveal rules, or unresolved.
     */
    record Event(Instant at, String actor, String brand, String ticket, String action, List<String> tokens,
            int revealed, int withheld, int unresolved) {

        public Event {
            requireNonNull(at, "at");
            requireNonNull(actor, "actor");
            requireNonNull(brand, "brand");
            requireNonNull(action, "action");
            tokens = List.copyOf(tokens);
        }

        /** An event about no particular ticket (a detokenize call). */
        public Event(Instant at, String actor, String brand, String action, List<String> tokens, int revealed, int withheld, int unresolved) {
            this(at, actor, brand, null, action, tokens, revealed, withheld, unresolved);
        }
    }
}
