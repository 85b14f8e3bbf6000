package dev.veil.tokenizer.vault;

import java.time.Instant;

/**
 * What a {@link DurableMvStore}'s durability work took, for metrics and logs: the group forces of
 * its write-ahead log and its checkpoints. Told on the thread that did the work, right after it;
 * never told anything the store holds, only sizes and times. A listener must be quick and must not
 * throw (a force's caller is a writer waiting for its answer).
 */
public interface DurabilityListener {

    /** A listener that does nothing. */
    DurabilityListener NONE = new DurabilityListener() {};

    /**
     * One group force of the log: {@code bytes} of frames written (of every writer waiting), then
     * forced with one fdatasync (two or more when the log had just turned to a new file).
     */
    default void logForced(long bytes, long nanos) {}

    /** One checkpoint, after its chunk is on disk and the log files it covers are deleted. */
    default void checkpointed(Checkpoint checkpoint) {}

    /**
     * A checkpoint's figures.
     *
     * @param started when it began (wall clock)
     * @param logBytes the log bytes it covers (what made it due)
     * @param fileBytes the bytes it wrote to the store file (its chunk)
     * @param heldNanos how long writers were held off while the log turned and the snapshot was fixed
     * @param nanos how long the whole checkpoint took, forces included
     */
    record Checkpoint(Instant started, long logBytes, long fileBytes, long heldNanos, long nanos) {}
}
