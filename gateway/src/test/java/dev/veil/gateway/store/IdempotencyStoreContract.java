package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.gateway.routing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link IdempotencyStore} does; subclasses supply the store with a one-hour retention. */
abstract class IdempotencyStoreContract {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

    abstract IdempotencyStore store();

    StoredAnswer answer(String body) {
        return new StoredAnswer(202, body.getBytes(StandardCharsets.UTF_8), clock.instant());
    }

    @Test
    void theFirstAnswerWinsPerBrandUntilTheRetentionWindowEnds() {
        IdempotencyStore s = store();
        assertThat(s.find("acme", "wh_1")).isEmpty();
        StoredAnswer first = answer("{\"ticket\":\"t_1\"}");
        assertThat(s.remember("acme", "wh_1", first)).isEqualTo(first);
        assertThat(s.remember("acme", "wh_1", answer("{\"ticket\":\"t_2\"}"))).isEqualTo(first);
        assertThat(s.find("acme", "wh_1")).contains(first);
        assertThat(s.find("globex", "wh_1")).isEmpty();
        clock.advance(Duration.ofMinutes(59));
        assertThat(s.find("acme", "wh_1")).contains(first);
        clock.advance(Duration.ofMinutes(1));
        assertThat(s.find("acme", "wh_1")).isEmpty();
        assertThat(s.prune()).isEqualTo(1);
        assertThat(s.prune()).isZero();
    }

    @Test
    void overLongIdsAreRefused() {
        IdempotencyStore s = store();
        assertThatThrownBy(() -> s.find("acme", "x".repeat(257))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.find("acme", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
