package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link Outbox} does; subclasses supply the outbox on a clock and a retry policy. */
abstract class OutboxContract {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    /** 1 s base, 8 s cap, 4 attempts, 30 s lease. */
    static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), 4, Duration.ofSeconds(30));

    final MutableClock clock = new MutableClock(T0);

    abstract Outbox outbox(SecureRandom random);

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theDepthOfEachBrandsLaneCountsItsPendingAndDeadMessages() {
        Outbox o = outbox(new SecureRandom());
        assertThat(o.depthByBrand()).isEmpty();
        o.enqueue("msg_1", "acme", bytes("{}"));
        o.enqueue("msg_2", "acme", bytes("{}"));
        o.enqueue("msg_3", "globex", bytes("{}"));
        o.deadLetter("msg_2", "zendesk_404");
        assertThat(o.depthByBrand()).containsExactly(java.util.Map.entry("acme", new Outbox.Depth(1, 1)),
                java.util.Map.entry("globex", new Outbox.Depth(1, 0)));
        o.delivered("msg_3");
        assertThat(o.depthByBrand()).containsOnlyKeys("acme");
    }

    @Test
    void aMessageIsLeasedOnceUntilItsLeaseLapsesAndLeavesWhenDelivered() {
        Outbox o = outbox(new SecureRandom());
        assertThat(o.enqueue("msg_1", "acme", bytes("{\"a\":1}"))).isTrue();
        assertThat(o.enqueue("msg_1", "acme", bytes("{\"other\":1}"))).isFalse();
        List<OutboxMessage> first = o.lease(10);
        assertThat(first).extracting(OutboxMessage::id).containsExactly("msg_1");
        assertThat(first.get(0).payload()).isEqualTo(bytes("{\"a\":1}"));
        assertThat(o.lease(10)).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(o.lease(10)).extracting(OutboxMessage::id).containsExactly("msg_1");
        assertThat(o.delivered("msg_1")).isTrue();
        assertThat(o.delivered("msg_1")).isFalse();
        clock.advance(Duration.ofMinutes(5));
        assertThat(o.lease(10)).isEmpty();
        assertThat(o.depth()).isEqualTo(new Outbox.Depth(0, 0));
    }

    @Test
    void aDeferredMessageWaitsAsAskedWithoutCountingAnAttempt() {
        Outbox o = outbox(new SecureRandom());
        o.enqueue("msg_1", "acme", bytes("{}"));
        // a CRM's rate limit, answered more often than the retry policy allows attempts: never a dead letter
        for (int i = 0; i <= RETRY.maxAttempts(); i++) {
            assertThat(o.lease(1)).extracting(OutboxMessage::id).containsExactly("msg_1");
            Instant notBefore = clock.instant().plus(Duration.ofMinutes(2));
            OutboxMessage m = o.defer("msg_1", notBefore, "zendesk_429").orElseThrow();
            assertThat(m.state()).isEqualTo(OutboxMessage.State.PENDING);
            assertThat(m.attempts()).isZero();
            assertThat(m.nextAttemptAt()).isEqualTo(notBefore);
            assertThat(m.lastError()).isEqualTo("zendesk_429");
            clock.advance(Duration.ofMinutes(2).minusSeconds(1));
            assertThat(o.lease(1)).as("leased before the time the CRM asked for").isEmpty();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(o.get("msg_1").orElseThrow().attempts()).isZero();
        assertThat(o.depth()).isEqualTo(new Outbox.Depth(1, 0));
    }

    @Test
    void failuresBackOffWithFullJitterAndDeadLetterAfterTheLastAttempt() {
        Outbox o = outbox(new SecureRandom());
        o.enqueue("msg_1", "acme", bytes("{}"));
        long[] ceilings = {1000, 2000, 4000};
        for (long ceiling : ceilings) {
            assertThat(o.lease(1)).hasSize(1);
            OutboxMessage m = o.failed("msg_1", "http_503").orElseThrow();
            assertThat(m.state()).isEqualTo(OutboxMessage.State.PENDING);
            long delay = Duration.between(clock.instant(), m.nextAttemptAt()).toMillis();
            assertThat(delay).isBetween(0L, ceiling);
            assertThat(m.lastError()).isEqualTo("http_503");
            clock.advance(Duration.ofMillis(ceiling));
        }
        assertThat(o.lease(1)).hasSize(1);
        OutboxMessage dead = o.failed("msg_1", "timeout").orElseThrow();
        assertThat(dead.state()).isEqualTo(OutboxMessage.State.DEAD);
        assertThat(dead.attempts()).isEqualTo(4);
        clock.advance(Duration.ofHours(1));
        assertThat(o.lease(10)).isEmpty();
        assertThat(o.deadLetters(10)).extracting(OutboxMessage::id).containsExactly("msg_1");
        assertThat(o.depth()).isEqualTo(new Outbox.Depth(0, 1));

        assertThat(o.redrive("msg_1")).isTrue();
        assertThat(o.redrive("msg_1")).isFalse();
        List<OutboxMessage> again = o.lease(10);
        assertThat(again).extracting(OutboxMessage::id).containsExactly("msg_1");
        assertThat(again.get(0).attempts()).isZero();
    }

    @Test
    void theJitterIsDrawnFromTheInjectedRandomSource() {
        // a source that always draws the top of the range gives the ceiling itself
        SecureRandom top = new SecureRandom() {
            @Override
            public long nextLong() {
                return -1L;
            }
        };
        Outbox o = outbox(top);
        o.enqueue("msg_1", "acme", bytes("{}"));
        o.lease(1);
        OutboxMessage m = o.failed("msg_1", "http_500").orElseThrow();
        assertThat(m.nextAttemptAt()).isEqualTo(clock.instant().plusMillis((Long.MAX_VALUE) % 1001));
    }

    @Test
    void aPermanentFailureDeadLettersAtOnceAndDueMessagesComeOldestFirst() {
        Outbox o = outbox(new SecureRandom());
        o.enqueue("msg_a", "acme", bytes("{}"));
        clock.advance(Duration.ofSeconds(1));
        o.enqueue("msg_b", "globex", bytes("{}"));
        assertThat(o.lease(1)).extracting(OutboxMessage::id).containsExactly("msg_a");
        assertThat(o.deadLetter("msg_a", "http_410").orElseThrow().state()).isEqualTo(OutboxMessage.State.DEAD);
        assertThat(o.lease(10)).extracting(OutboxMessage::id).containsExactly("msg_b");
        assertThat(o.get("msg_a").orElseThrow().lastError()).isEqualTo("http_410");
    }
}
