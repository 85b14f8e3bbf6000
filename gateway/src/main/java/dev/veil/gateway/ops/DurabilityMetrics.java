package dev.veil.gateway.ops;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.DurabilityListener;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Duration;

/**
 * What the embedded store file's durability work takes (stores kind {@code embedded}): each group
 * force of its write-ahead log (the fdatasync every acknowledged write waits for) and each
 * checkpoint (the MVStore chunk that lets older log files go), as metrics, and one server log line
 * per checkpoint. Sizes and times only: nothing a store holds.
 */
public final class DurabilityMetrics implements DurabilityListener {

    static final LogEvent CHECKPOINT = LogEvent.of("store_checkpoint",
            "the embedded store wrote a checkpoint; the log files it covers are deleted");

    /** From a fast disk's fdatasync (about 0.1 ms) to a stalled one. */
    private static final double[] FORCE_BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final double[] CHECKPOINT_BUCKETS = {0.0001, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final Histogram forceSeconds;
    private final Counter forcedBytes;
    private final Histogram checkpointSeconds;
    private final Histogram heldSeconds;
    private final Counter checkpointBytes;
    private final Counter checkpointLogBytes;
    private final JsonLog log;

    private DurabilityMetrics(VeilMetrics metrics, JsonLog log) {
        this.log = log;
        var registry = metrics.registry();
        forceSeconds = Histogram.builder().withoutExemplars().name("veil_store_log_force_duration_seconds")
                .help("Group forces of the embedded store's write-ahead log: the frames of every waiting writer written, then one fdatasync")
                .classicOnly().classicUpperBounds(FORCE_BUCKETS).register(registry);
        forcedBytes = Counter.builder().withoutExemplars().name("veil_store_log_forced_bytes_total")
                .help("Bytes written to the embedded store's write-ahead log by its group forces").register(registry);
        checkpointSeconds = Histogram.builder().withoutExemplars().name("veil_store_checkpoint_duration_seconds")
                .help("Checkpoints of the embedded store file, from start to the chunk forced and the covered log files deleted")
                .classicOnly().classicUpperBounds(CHECKPOINT_BUCKETS).register(registry);
        heldSeconds = Histogram.builder().withoutExemplars().name("veil_store_checkpoint_writers_held_seconds")
                .help("How long each checkpoint held writers off while the log turned and its snapshot was fixed")
                .classicOnly().classicUpperBounds(CHECKPOINT_BUCKETS).register(registry);
        checkpointBytes = Counter.builder().withoutExemplars().name("veil_store_checkpoint_bytes_total")
                .help("Bytes the checkpoints wrote to the embedded store file").register(registry);
        checkpointLogBytes = Counter.builder().withoutExemplars().name("veil_store_checkpoint_log_bytes_total")
                .help("Write-ahead log bytes the checkpoints covered").register(registry);
    }

    /** The metrics in {@code metrics}' registry, a line per checkpoint in {@code log}; pass it to {@code DurableMvStore.listen}. */
    public static DurabilityMetrics register(VeilMetrics metrics, JsonLog log) {
        return new DurabilityMetrics(requireNonNull(metrics, "metrics"), requireNonNull(log, "log"));
    }

    @Override
    public void logForced(long bytes, long nanos) {
        forceSeconds.observe(nanos / 1e9);
        forcedBytes.inc(bytes);
    }

    @Override
    public void checkpointed(Checkpoint c) {
        checkpointSeconds.observe(c.nanos() / 1e9);
        heldSeconds.observe(c.heldNanos() / 1e9);
        checkpointBytes.inc(c.fileBytes());
        checkpointLogBytes.inc(c.logBytes());
        log.info(CHECKPOINT, LogField.count("log_bytes", c.logBytes()), LogField.count("file_bytes", c.fileBytes()),
                LogField.count("held_us", c.heldNanos() / 1000), LogField.millis("took_ms", Duration.ofNanos(c.nanos())));
    }
}
