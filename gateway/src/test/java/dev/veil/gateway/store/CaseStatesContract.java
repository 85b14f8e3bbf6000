package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.gateway.routing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link CaseStates} does; subclasses supply the store (each call may open another view of the same one). */
abstract class CaseStatesContract {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    static final Instant T1 = Instant.parse("2026-03-02T08:00:00.000Z");
    static final Instant T2 = Instant.parse("2026-03-02T08:00:00.001Z");

    abstract CaseStates store();

    @Test
    void onlyStatesAsNewAsTheLatestPassPerBrandAndRecord() {
        CaseStates s = store();
        assertThat(s.advance("acme", "500xx0000000001", T1)).isTrue();
        assertThat(s.advance("acme", "500xx0000000001", T1)).as("a redelivery of the same state").isTrue();
        assertThat(s.advance("acme", "500xx0000000001", T2)).isTrue();
        assertThat(s.advance("acme", "500xx0000000001", T1)).as("one millisecond older").isFalse();
        assertThat(s.advance("acme", "500xx0000000002", T1)).as("another record").isTrue();
        assertThat(s.advance("globex", "500xx0000000001", T1)).as("another brand").isTrue();
        assertThat(s.advance("acme", "500xx0000000001", T2)).isTrue();
    }

    @Test
    void aRecordIsForgottenOnlyAfterTheRetention() {
        CaseStates s = store();
        s.advance("acme", "500xx0000000001", T2);
        clock.advance(CaseStates.RETENTION.minusMinutes(1));
        assertThat(s.prune()).isZero();
        assertThat(s.advance("acme", "500xx0000000001", T1)).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(s.prune()).isEqualTo(1);
        assertThat(s.advance("acme", "500xx0000000001", T1)).isTrue();
    }

    @Test
    void aStaleAnswerDoesNotRenewTheRecord() {
        CaseStates s = store();
        s.advance("acme", "500xx0000000001", T2);
        clock.advance(CaseStates.RETENTION.minusMinutes(1));
        assertThat(s.advance("acme", "500xx0000000001", T1)).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(s.prune()).isEqualTo(1);
    }

    @Test
    void emptyOrOverLongKeysAreRefused() {
        CaseStates s = store();
        assertThatThrownBy(() -> s.advance("acme", "", T1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.advance("acme", "x".repeat(129), T1)).isInstanceOf(IllegalArgumentException.class);
    }
}
