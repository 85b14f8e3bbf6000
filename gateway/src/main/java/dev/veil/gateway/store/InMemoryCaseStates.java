package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;

/** {@link CaseStates} in memory only (tests and a gateway without a data directory). */
public final class InMemoryCaseStates implements CaseStates {

    private final CaseStateBook book;

    private InMemoryCaseStates(Clock clock) {
        this.book = new CaseStateBook(clock, (k, e) -> { }, keys -> { });
    }

    public static InMemoryCaseStates of(Clock clock) {
        return new InMemoryCaseStates(requireNonNull(clock, "clock"));
    }

    @Override
    public boolean advance(String brand, String record, Instant stamp) {
        return book.advance(brand, record, stamp);
    }

    @Override
    public int prune() {
        return book.prune();
    }

    @Override
    public void close() {
        // nothing to release
    }
}
