package dev.veil.gateway.console;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.routing.model.QueueStat;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * The last hour of queue statistics, one sample a minute, kept in memory (bounded) for the security
 * team's queue chart. A node that restarts starts a new hour: the chart is for looking, not for
 * accounting (Prometheus keeps the long history).
 */
public final class QueueHistory {

    /** Samples kept: an hour at one a minute. */
    public static final int MAX_SAMPLES = 60;

    /** One sample: when, and every queue row then. */
    public record Sample(Instant at, List<QueueStat> queues) {
        public Sample {
            requireNonNull(at, "at");
            queues = List.copyOf(queues);
        }
    }

    private final Supplier<List<QueueStat>> source;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();

    private QueueHistory(Supplier<List<QueueStat>> source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    public static QueueHistory of(Supplier<List<QueueStat>> source, Clock clock) {
        return new QueueHistory(requireNonNull(source, "source"), requireNonNull(clock, "clock"));
    }

    /** Takes a sample now, dropping the oldest beyond {@link #MAX_SAMPLES}; called once a minute. */
    public void sample() {
        Sample s = new Sample(clock.instant(), source.get());
        synchronized (samples) {
            samples.addLast(s);
            while (samples.size() > MAX_SAMPLES) {
                samples.removeFirst();
            }
        }
    }

    /** The kept samples, oldest first, then the queues as they are now. */
    public List<Sample> samplesAndNow() {
        List<Sample> out;
        synchronized (samples) {
            out = new ArrayList<>(samples);
        }
        out.add(new Sample(clock.instant(), source.get()));
        return out;
    }
}
