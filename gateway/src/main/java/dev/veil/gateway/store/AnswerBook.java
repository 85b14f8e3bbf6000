package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The logic shared by the idempotency stores: answers in memory, each change passed to a sink first
 * (the durable file, or nothing). Changes take turns; a look-up takes no lock, so it never waits for
 * a change's sink (a durable write that may wait for the store file's checkpoint) or for a prune.
 */
final class AnswerBook {

    private final Map<String, StoredAnswer> answers = new ConcurrentHashMap<>();
    private final Duration retention;
    private final Clock clock;
    private final BiConsumer<String, StoredAnswer> put;
    private final Consumer<String> remove;

    AnswerBook(Duration retention, Clock clock, BiConsumer<String, StoredAnswer> put, Consumer<String> remove) {
        requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention: " + retention + " (expected: > 0)");
        }
        this.retention = retention;
        this.clock = requireNonNull(clock, "clock");
        this.put = put;
        this.remove = remove;
    }

    synchronized void load(String key, StoredAnswer answer) {
        answers.put(key, answer);
    }

    Optional<StoredAnswer> find(String key) {
        StoredAnswer a = answers.get(key);
        return a == null || expired(a, clock.instant()) ? Optional.empty() : Optional.of(a);
    }

    synchronized StoredAnswer remember(String key, StoredAnswer answer) {
        requireNonNull(answer, "answer");
        StoredAnswer first = answers.get(key);
        if (first != null && !expired(first, clock.instant())) {
            return first;
        }
        put.accept(key, answer);
        answers.put(key, answer);
        return answer;
    }

    synchronized int prune() {
        Instant now = clock.instant();
        int pruned = 0;
        for (Iterator<Map.Entry<String, StoredAnswer>> it = answers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, StoredAnswer> e = it.next();
            if (expired(e.getValue(), now)) {
                remove.accept(e.getKey());
                it.remove();
                pruned++;
            }
        }
        return pruned;
    }

    private boolean expired(StoredAnswer a, Instant now) {
        return !now.isBefore(a.at().plus(retention));
    }
}
