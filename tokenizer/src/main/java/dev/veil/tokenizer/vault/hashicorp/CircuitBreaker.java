package dev.veil.tokenizer.vault.hashicorp;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A circuit breaker for calls to Vault: closed while calls succeed; open after
 * {@code failureThreshold} failures in a row, refusing calls at once for {@code openFor}; then
 * half-open, letting one probe call through: its success closes the breaker, its failure opens it
 * again. Thread-safe; time comes from the injected clock.
 */
public final class CircuitBreaker {

    /** The breaker's state, as shown in metrics (0 closed, 1 half-open, 2 open). */
    public enum State { CLOSED, HALF_OPEN, OPEN }

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;

    private State state = State.CLOSED;
    private int failures;
    private Instant openUntil = Instant.MIN;
    private boolean probing;

    public CircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold: " + failureThreshold + " (expected: >= 1)");
        }
        if (requireNonNull(openFor, "openFor").isNegative()) {
            throw new IllegalArgumentException("openFor: negative");
        }
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Whether a call may go through now. In the half-open state only one caller at a time gets
     * {@code true} (the probe); the others are refused until the probe's outcome is known.
     */
    public synchronized boolean tryAcquire() {
        if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
            state = State.HALF_OPEN;
            probing = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (probing) {
                    yield false;
                }
                probing = true;
                yield true;
            }
        };
    }

    /** A call went through and Vault answered. */
    public synchronized void onSuccess() {
        state = State.CLOSED;
        failures = 0;
        probing = false;
    }

    /** A call failed because Vault did not serve it. */
    public synchronized void onFailure() {
        failures++;
        if (state == State.HALF_OPEN || failures >= failureThreshold) {
            state = State.OPEN;
            openUntil = clock.instant().plus(openFor);
            probing = false;
        }
    }

    /** A call that was let through ended without telling anything about Vault (e.g. interrupted). */
    public synchronized void onAbandoned() {
        probing = false;
    }

    /** The state now (an open breaker whose time is up reads as half-open). */
    public synchronized State state() {
        if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** How long the breaker stays open from now; zero unless open. */
    public synchronized Duration remainingOpen() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), openUntil);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
