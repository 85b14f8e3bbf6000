package dev.veil.gateway.routing;

/**
 * Where routing state survives a restart: open tickets with their claims and deadlines,
 * experts, reputations, recent resolutions and the pay ledger. The embedded MVStore file is
 * the default; a shared SQL store can implement the same two operations later.
 */
public interface RoutingStore extends AutoCloseable {

    /** Everything stored, for rebuilding routing state at start-up. */
    StoreSnapshot load();

    /** Applies every write of the batch, all or nothing, before returning. */
    void apply(StoreBatch batch);

    /** Bounded housekeeping (e.g. compaction), run from {@code RoutingService.tick()}. */
    default void maintain() {
    }

    @Override
    void close();
}
