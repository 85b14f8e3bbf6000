package dev.veil.gateway.intake;

import dev.veil.gateway.store.OutboxMessage;
import java.time.Duration;

/**
 * Hears how outbox deliveries go, for metrics: each attempt's outcome and duration, and each time
 * a CRM asked to slow down. Called on delivery threads: implementations are quick and never throw.
 */
public interface DeliveryObserver {

    /** Hears nothing. */
    DeliveryObserver NONE = new DeliveryObserver() {
        @Override
        public void attempted(OutboxMessage message, ReplyTransport.Delivery delivery, boolean deadLettered, Duration elapsed) {
        }

        @Override
        public void slowedDown(String brand) {
        }
    };

    /**
     * One attempt at {@code message} ended in {@code delivery} after {@code elapsed};
     * {@code deadLettered} when the message is now a dead letter (refused for good, or the last
     * retryable attempt failed).
     */
    void attempted(OutboxMessage message, ReplyTransport.Delivery delivery, boolean deadLettered, Duration elapsed);

    /** {@code brand}'s CRM said few requests are left in its window, so its deliveries pause before a 429. */
    void slowedDown(String brand);
}
