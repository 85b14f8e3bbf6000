package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /** Expired answers removed by one change of the sink (one durable write), not one each. */
    static final int REMOVALS_PER_WRITE = 10_000;

    private final Map<String, StoredAnswer> answers = new ConcurrentHashMap<>();
    private final Duration retention;
    private final Clock clock;
    private final BiConsumer<String, StoredAnswer> put;
    private final Consumer<List<String>> remove;

    AnswerBook(Duration retention, Clock clock, BiConsumer<String, StoredAnswer> put, Consumer<List<String>> remove) {
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

    /**
     * Removes the expired answers, passing their keys to the sink in groups. The sweep takes no lock
     * (it ran every second over every answer kept, up to a day's, and every look-up and change
     * waited for it); the removal does, re-checking each key, so that an answer remembered anew
     * after its expiry is never removed from the sink after it was written there.
     */
    int prune() {
        Instant cutoff = clock.instant().minus(retention);
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, StoredAnswer> e : answers.entrySet()) {
            if (!e.getValue().at().isAfter(cutoff)) {
                expired.add(e.getKey());
            }
        }
        if (expired.isEmpty()) {
            return 0;
        }
        synchronized (this) {
            Instant now = clock.instant();
            List<String> still = new ArrayList<>();
            for (String key : expired) {
                StoredAnswer a = answers.get(key);
                if (a != null && expired(a, now)) {
                    still.add(key);
                }
            }
            for (int from = 0; from < still.size(); from += REMOVALS_PER_WRITE) {
                List<String> group = still.subList(from, Math.min(still.size(), from + REMOVALS_PER_WRITE));
                remove.accept(group);
                group.forEach(answers::remove);
            }
            return still.size();
        }
    }

    private boolean expired(StoredAnswer a, Instant now) {
        return !now.isBefore(a.at().plus(retention));
    }
}
