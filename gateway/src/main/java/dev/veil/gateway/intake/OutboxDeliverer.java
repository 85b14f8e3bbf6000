package dev.veil.gateway.intake;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.store.Outbox;
import dev.veil.gateway.store.OutboxMessage;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Delivers due outbox messages through a {@link ReplyTransport}: a delivered message leaves the
 * outbox, a retryable failure is scheduled again with backoff (dead letter after the last
 * attempt), a permanent one is dead-lettered at once. {@link #runOnce()} does one bounded round;
 * {@link #start} runs rounds on a scheduler.
 */
public final class OutboxDeliverer implements AutoCloseable {

    private final Outbox outbox;
    private final ReplyTransport transport;
    private final int batch;
    private volatile ScheduledFuture<?> task;

    private OutboxDeliverer(Outbox outbox, ReplyTransport transport, int batch) {
        this.outbox = outbox;
        this.transport = transport;
        this.batch = batch;
    }

    public static OutboxDeliverer of(Outbox outbox, ReplyTransport transport, int batch) {
        requireNonNull(outbox, "outbox");
        requireNonNull(transport, "transport");
        if (batch < 1 || batch > 10_000) {
            throw new IllegalArgumentException("batch: " + batch + " (expected: 1 to 10000)");
        }
        return new OutboxDeliverer(outbox, transport, batch);
    }

    /** What one round did. */
    public record Round(int delivered, int retried, int deadLettered) {

        public int attempted() {
            return delivered + retried + deadLettered;
        }
    }

    /** Leases up to one batch of due messages and tries each once. */
    public Round runOnce() {
        int delivered = 0;
        int retried = 0;
        int dead = 0;
        for (OutboxMessage m : outbox.lease(batch)) {
            ReplyTransport.Delivery d;
            try {
                d = requireNonNull(transport.send(m), "delivery");
            } catch (RuntimeException e) {
                d = ReplyTransport.Delivery.retry("transport_error");
            }
            switch (d.kind()) {
                case DELIVERED -> {
                    outbox.delivered(m.id());
                    delivered++;
                }
                case RETRY -> {
                    boolean deadNow = outbox.failed(m.id(), d.errorCode()).map(x -> x.state() == OutboxMessage.State.DEAD).orElse(false);
                    if (deadNow) {
                        dead++;
                    } else {
                        retried++;
                    }
                }
                case PERMANENT -> {
                    outbox.deadLetter(m.id(), d.errorCode());
                    dead++;
                }
            }
        }
        return new Round(delivered, retried, dead);
    }

    /** Runs a round every {@code every} on {@code scheduler} (a failing round is retried at the next). */
    public synchronized void start(ScheduledExecutorService scheduler, Duration every) {
        requireNonNull(scheduler, "scheduler");
        requireNonNull(every, "every");
        if (task != null) {
            throw new IllegalStateException("already started");
        }
        task = scheduler.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                // the outbox is down: the next round tries again; the lead's metrics count these
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops scheduled rounds (a round in progress finishes). */
    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }
}
