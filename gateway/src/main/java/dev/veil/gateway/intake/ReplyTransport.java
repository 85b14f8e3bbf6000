package dev.veil.gateway.intake;

import dev.veil.gateway.store.OutboxMessage;

/**
 * Sends one outbox message to its brand's CRM (the HTTP implementation signs it with Standard
 * Webhooks, {@code webhook-id} = {@link OutboxMessage#id()}). Throwing counts as a retryable failure.
 */
@FunctionalInterface
public interface ReplyTransport {

    Delivery send(OutboxMessage message);

    /** How an attempt went, with a PII-free error code when it failed (e.g. {@code http_503}, {@code timeout}). */
    record Delivery(Kind kind, String errorCode, java.time.Instant notBefore) {

        /** The three outcomes of an attempt. */
        public enum Kind {
            /** The CRM took the message. */
            DELIVERED,
            /** Try again later (timeouts, 5xx, 429). */
            RETRY,
            /** The CRM refused the message for good (most 4xx): dead letter at once. */
            PERMANENT,
            /** The CRM asked to wait (rate limit): due again at {@link #notBefore()}, no attempt counted. */
            DEFER
        }

        public Delivery {
            java.util.Objects.requireNonNull(kind, "kind");
            if (kind == Kind.DEFER) {
                java.util.Objects.requireNonNull(notBefore, "notBefore");
            }
        }

        public Delivery(Kind kind, String errorCode) {
            this(kind, errorCode, null);
        }

        /** Not sent: try again at {@code notBefore} without counting an attempt. */
        public static Delivery defer(String errorCode, java.time.Instant notBefore) {
            return new Delivery(Kind.DEFER, errorCode, notBefore);
        }

        public static Delivery delivered() {
            return new Delivery(Kind.DELIVERED, null);
        }

        public static Delivery retry(String errorCode) {
            return new Delivery(Kind.RETRY, errorCode);
        }

        public static Delivery permanent(String errorCode) {
            return new Delivery(Kind.PERMANENT, errorCode);
        }
    }
}
