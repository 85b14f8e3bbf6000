package dev.veil.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.store.InMemoryOutbox;
import dev.veil.gateway.store.OutboxMessage;
import dev.veil.gateway.store.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Deferred deliveries wait without counting attempts, and each brand's replies go in their own lane. */
class OutboxLanesTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final InMemoryOutbox outbox = InMemoryOutbox.of(RetryPolicy.defaults(), clock, new SecureRandom());

    @Test
    void aDeferredMessageWaitsAsAskedWithoutCountingAnAttempt() {
        outbox.enqueue("msg_1", "acme", "{}".getBytes(StandardCharsets.UTF_8));
        Instant until = clock.instant().plusSeconds(30);
        OutboxDeliverer deliverer = OutboxDeliverer.of(outbox, m -> ReplyTransport.Delivery.defer("zendesk_429", until), 10);
        assertThat(deliverer.runOnce().retried()).isEqualTo(1);
        OutboxMessage m = outbox.get("msg_1").orElseThrow();
        assertThat(m.attempts()).isZero();
        assertThat(m.nextAttemptAt()).isEqualTo(until);
        assertThat(m.lastError()).isEqualTo("zendesk_429");
        clock.advance(Duration.ofSeconds(29));
        assertThat(outbox.lease(10)).isEmpty();
        clock.advance(Duration.ofSeconds(61)); // past the lease taken by the round above, and past until
        assertThat(outbox.lease(10)).extracting(OutboxMessage::id).containsExactly("msg_1");
    }

    @Test
    void aBrandWhoseCrmHangsDoesNotHoldBackAnotherBrand() throws Exception {
        outbox.enqueue("msg_a", "slow", "{}".getBytes(StandardCharsets.UTF_8));
        outbox.enqueue("msg_b", "fast", "{}".getBytes(StandardCharsets.UTF_8));
        CountDownLatch fastDelivered = new CountDownLatch(1);
        ReplyTransport transport = m -> {
            if (m.brand().equals("fast")) {
                fastDelivered.countDown();
                return ReplyTransport.Delivery.delivered();
            }
            try {
                // the slow brand's CRM answers only once the other brand got through: in one lane this would never happen
                return fastDelivered.await(10, TimeUnit.SECONDS) ? ReplyTransport.Delivery.delivered() : ReplyTransport.Delivery.retry("timeout");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ReplyTransport.Delivery.retry("interrupted");
            }
        };
        ExecutorService lanes = Executors.newFixedThreadPool(2);
        try {
            OutboxDeliverer.Round round = OutboxDeliverer.of(outbox, transport, 10).withLanes(lanes).runOnce();
            assertThat(round.delivered()).isEqualTo(2);
            assertThat(outbox.depth().pending()).isZero();
        } finally {
            lanes.shutdownNow();
        }
    }
}
