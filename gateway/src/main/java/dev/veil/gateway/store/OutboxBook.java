package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;
import java.util.regex.Pattern;

/**
 * The logic shared by the outboxes: messages in memory, each change handed to a sink (the durable
 * file, or nothing) before memory changes, so a failed write changes nothing. Leases live in
 * memory only.
 */
final class OutboxBook {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Comparator<OutboxMessage> DUE = Comparator.comparing(OutboxMessage::nextAttemptAt)
            .thenComparing(OutboxMessage::createdAt).thenComparing(OutboxMessage::id);

    private final Map<String, OutboxMessage> messages = new HashMap<>();
    private final Map<String, Instant> leases = new HashMap<>();
    private final RetryPolicy retry;
    private final Clock clock;
    private final LongUnaryOperator jitter;
    private final Consumer<OutboxMessage> put;
    private final Consumer<String> remove;

    OutboxBook(RetryPolicy retry, Clock clock, SecureRandom random, Consumer<OutboxMessage> put, Consumer<String> remove) {
        this.retry = requireNonNull(retry, "retry");
        this.clock = requireNonNull(clock, "clock");
        this.jitter = RetryPolicy.jitter(random);
        this.put = put;
        this.remove = remove;
    }

    synchronized void load(OutboxMessage m) {
        messages.put(m.id(), m);
    }

    synchronized boolean enqueue(String id, String brand, byte[] payload) {
        requireNonNull(id, "id");
        requireNonNull(brand, "brand");
        requireNonNull(payload, "payload");
        checkId(id);
        if (messages.containsKey(id)) {
            return false;
        }
        Instant now = clock.instant();
        OutboxMessage m = new OutboxMessage(id, brand, payload, now, 0, now, null, OutboxMessage.State.PENDING);
        put.accept(m);
        messages.put(id, m);
        return true;
    }

    /** Refuses an id that is not a message id; shared with the SQL outbox. */
    static void checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id: not a message id (expected: letters, digits and . _ : -, at most 128)");
        }
    }

    static void checkMax(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= 1)");
        }
    }

    synchronized List<OutboxMessage> lease(int max) {
        checkMax(max);
        Instant now = clock.instant();
        List<OutboxMessage> due = new ArrayList<>();
        for (OutboxMessage m : messages.values()) {
            Instant leased = leases.get(m.id());
            if (m.state() == OutboxMessage.State.PENDING && !m.nextAttemptAt().isAfter(now) && (leased == null || !leased.isAfter(now))) {
                due.add(m);
            }
        }
        due.sort(DUE);
        List<OutboxMessage> out = due.size() > max ? new ArrayList<>(due.subList(0, max)) : due;
        Instant until = now.plus(retry.lease());
        out.forEach(m -> leases.put(m.id(), until));
        return List.copyOf(out);
    }

    synchronized boolean delivered(String id) {
        if (!messages.containsKey(requireNonNull(id, "id"))) {
            return false;
        }
        remove.accept(id);
        messages.remove(id);
        leases.remove(id);
        return true;
    }

    synchronized Optional<OutboxMessage> failed(String id, String errorCode) {
        OutboxMessage m = messages.get(requireNonNull(id, "id"));
        if (m == null || m.state() != OutboxMessage.State.PENDING) {
            return Optional.ofNullable(m);
        }
        OutboxMessage after = m.afterFailure(errorCode, clock.instant(), retry, jitter);
        return Optional.of(change(after));
    }

    synchronized Optional<OutboxMessage> defer(String id, Instant notBefore, String errorCode) {
        requireNonNull(notBefore, "notBefore");
        OutboxMessage m = messages.get(requireNonNull(id, "id"));
        if (m == null || m.state() != OutboxMessage.State.PENDING) {
            return Optional.ofNullable(m);
        }
        return Optional.of(change(m.deferred(notBefore, errorCode)));
    }

    synchronized Optional<OutboxMessage> deadLetter(String id, String errorCode) {
        OutboxMessage m = messages.get(requireNonNull(id, "id"));
        if (m == null || m.state() == OutboxMessage.State.DEAD) {
            return Optional.ofNullable(m);
        }
        return Optional.of(change(m.deadLettered(errorCode, clock.instant())));
    }

    synchronized List<OutboxMessage> deadLetters(int max) {
        return messages.values().stream().filter(m -> m.state() == OutboxMessage.State.DEAD)
                .sorted(Comparator.comparing(OutboxMessage::createdAt).thenComparing(OutboxMessage::id)).limit(max).toList();
    }

    synchronized boolean redrive(String id) {
        OutboxMessage m = messages.get(requireNonNull(id, "id"));
        if (m == null || m.state() != OutboxMessage.State.DEAD) {
            return false;
        }
        change(m.redriven(clock.instant()));
        return true;
    }

    synchronized Optional<OutboxMessage> get(String id) {
        return Optional.ofNullable(messages.get(requireNonNull(id, "id")));
    }

    synchronized Outbox.Depth depth() {
        int dead = 0;
        for (OutboxMessage m : messages.values()) {
            dead += m.state() == OutboxMessage.State.DEAD ? 1 : 0;
        }
        return new Outbox.Depth(messages.size() - dead, dead);
    }

    synchronized java.util.Map<String, Outbox.Depth> depthByBrand() {
        java.util.Map<String, int[]> counts = new java.util.TreeMap<>();
        for (OutboxMessage m : messages.values()) {
            counts.computeIfAbsent(m.brand(), b -> new int[2])[m.state() == OutboxMessage.State.DEAD ? 1 : 0]++;
        }
        java.util.Map<String, Outbox.Depth> out = new java.util.LinkedHashMap<>();
        counts.forEach((brand, c) -> out.put(brand, new Outbox.Depth(c[0], c[1])));
        return out;
    }

    private OutboxMessage change(OutboxMessage after) {
        put.accept(after);
        messages.put(after.id(), after);
        leases.remove(after.id());
        return after;
    }
}
