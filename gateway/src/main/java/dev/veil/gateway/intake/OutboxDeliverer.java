package dev.veil.gateway.intake;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.store.Outbox;
import dev.veil.gateway.store.OutboxMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Delivers due outbox messages through a {@link ReplyTransport}: a delivered message leaves the
 * outbox, a retryable failure is scheduled again with backoff (dead letter after the last
 * attempt), a permanent one is dead-lettered at once, a deferred one (a CRM's rate limit) waits
 * as asked without counting an attempt. {@link #runOnce()} does one bounded round; {@link #start}
 * runs rounds on a scheduler. With a lane executor ({@link #withLanes}), each brand's messages of a
 * round go in their own lane, so a slow or failing CRM never holds back another brand's replies.
 */
public final class OutboxDeliverer implements AutoCloseable {

    private final Outbox outbox;
    private final ReplyTransport transport;
    private final int batch;
    private final java.util.concurrent.ExecutorService lanes;
    private final DeliveryObserver observer;
    private volatile ScheduledFuture<?> task;

    private OutboxDeliverer(Outbox outbox, ReplyTransport transport, int batch, java.util.concurrent.ExecutorService lanes,
            DeliveryObserver observer) {
        this.outbox = outbox;
        this.transport = transport;
        this.batch = batch;
        this.lanes = lanes;
        this.observer = observer;
    }

    /** This deliverer, sending each brand's messages of a round in its own lane on {@code executor} (the caller closes it). */
    public OutboxDeliverer withLanes(java.util.concurrent.ExecutorService executor) {
        return new OutboxDeliverer(outbox, transport, batch, requireNonNull(executor, "executor"), observer);
    }

    /** This deliverer, telling {@code observer} how each attempt went (delivery metrics). */
    public OutboxDeliverer withObserver(DeliveryObserver observer) {
        return new OutboxDeliverer(outbox, transport, batch, lanes, requireNonNull(observer, "observer"));
    }

    public static OutboxDeliverer of(Outbox outbox, ReplyTransport transport, int batch) {
        requireNonNull(outbox, "outbox");
        requireNonNull(transport, "transport");
        if (batch < 1 || batch > 10_000) {
            throw new IllegalArgumentException("batch: " + batch + " (expected: 1 to 10000)");
        }
        return new OutboxDeliverer(outbox, transport, batch, null, DeliveryObserver.NONE);
    }

    /** What one round did. */
    public record Round(int delivered, int retried, int deadLettered) {

        public int attempted() {
            return delivered + retried + deadLettered;
        }
    }

    /** Leases up to one batch of due messages and tries each once. */
    public Round runOnce() {
        List<OutboxMessage> leased = outbox.lease(batch);
        if (lanes == null || leased.size() < 2) {
            return deliver(leased);
        }
        Map<String, List<OutboxMessage>> byBrand = new LinkedHashMap<>();
        for (OutboxMessage m : leased) {
            byBrand.computeIfAbsent(m.brand(), b -> new ArrayList<>()).add(m);
        }
        List<Future<Round>> running = new ArrayList<>();
        for (List<OutboxMessage> lane : byBrand.values()) {
            running.add(lanes.submit(() -> deliver(lane)));
        }
        int delivered = 0;
        int retried = 0;
        int dead = 0;
        for (Future<Round> f : running) {
            try {
                Round r = f.get();
                delivered += r.delivered();
                retried += r.retried();
                dead += r.deadLettered();
            } catch (ExecutionException e) {
                // a lane's outbox call failed: its leases lapse and the messages come due again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Round(delivered, retried, dead);
    }

    private Round deliver(List<OutboxMessage> messages) {
        int delivered = 0;
        int retried = 0;
        int dead = 0;
        for (OutboxMessage m : messages) {
            ReplyTransport.Delivery d;
            long started = System.nanoTime();
            try {
                d = requireNonNull(transport.send(m), "delivery");
            } catch (RuntimeException e) {
                d = ReplyTransport.Delivery.retry("transport_error");
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            boolean deadNow = false;
            switch (d.kind()) {
                case DELIVERED -> {
                    outbox.delivered(m.id());
                    delivered++;
                }
                case RETRY -> {
                    deadNow = outbox.failed(m.id(), d.errorCode()).map(x -> x.state() == OutboxMessage.State.DEAD).orElse(false);
                    if (deadNow) {
                        dead++;
                    } else {
                        retried++;
                    }
                }
                case PERMANENT -> {
                    outbox.deadLetter(m.id(), d.errorCode());
                    deadNow = true;
                    dead++;
                }
                case DEFER -> {
                    outbox.defer(m.id(), d.notBefore(), d.errorCode());
                    retried++;
                }
            }
            observer.attempted(m, d, deadNow, elapsed);
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
