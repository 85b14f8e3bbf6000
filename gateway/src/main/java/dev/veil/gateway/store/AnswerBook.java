package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
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
    /**
     * When each answer was given, earliest first, so that a prune reads only what expired rather
     * than every answer kept (up to a day's, walked every second). Guarded by itself, not by the
     * book's lock: a prune with nothing expired waits for no change.
     */
    private final PriorityQueue<Due> dues = new PriorityQueue<>(Comparator.comparing(Due::at));
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
        due(key, answer);
    }

    Optional<StoredAnswer> find(String key) {
        StoredAnswer a = answers.get(key);
        return a == null || expired(a.at(), clock.instant()) ? Optional.empty() : Optional.of(a);
    }

    synchronized StoredAnswer remember(String key, StoredAnswer answer) {
        requireNonNull(answer, "answer");
        StoredAnswer first = answers.get(key);
        if (first != null && !expired(first.at(), clock.instant())) {
            return first;
        }
        put.accept(key, answer);
        answers.put(key, answer);
        due(key, answer);
        return answer;
    }

    /**
     * Removes the expired answers, passing their keys to the sink in groups. Only the answers due are
     * read; the removal takes the book's lock, so that an answer remembered anew after its expiry
     * (it has a due of its own, at its own time) is never removed from the sink after it was
     * written there.
     */
    int prune() {
        Instant now = clock.instant();
        List<Due> expired = new ArrayList<>();
        synchronized (dues) {
            while (!dues.isEmpty() && expired(dues.peek().at(), now)) {
                expired.add(dues.poll());
            }
        }
        if (expired.isEmpty()) {
            return 0;
        }
        synchronized (this) {
            Set<String> still = new LinkedHashSet<>();
            for (Due due : expired) {
                StoredAnswer a = answers.get(due.key());
                if (a != null && a.at().equals(due.at())) {
                    still.add(due.key());
                }
            }
            List<String> keys = new ArrayList<>(still);
            for (int from = 0; from < keys.size(); from += REMOVALS_PER_WRITE) {
                List<String> group = keys.subList(from, Math.min(keys.size(), from + REMOVALS_PER_WRITE));
                remove.accept(group);
                group.forEach(answers::remove);
            }
            return keys.size();
        }
    }

    private void due(String key, StoredAnswer answer) {
        synchronized (dues) {
            dues.add(new Due(key, answer.at()));
        }
    }

    private boolean expired(Instant at, Instant now) {
        return !now.isBefore(at.plus(retention));
    }

    /** An answer's key and the time it was given. */
    private record Due(String key, Instant at) {}
}
