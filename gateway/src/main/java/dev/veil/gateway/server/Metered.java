package dev.veil.gateway.server;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.ops.VeilMetrics;
import dev.veil.gateway.store.StoredTicket;
import dev.veil.gateway.store.TicketStore;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyVersion;
import dev.veil.tokenizer.vault.StoredToken;
import dev.veil.tokenizer.vault.TokenStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Wrappers that time the key provider and the token and ticket stores into {@link VeilMetrics}
 * (latency by operation, errors counted), changing nothing else: same results, same exceptions.
 */
final class Metered {

    private Metered() {}

    /** Where a timed call is reported: its latency and whether it threw. */
    @FunctionalInterface
    private interface Report {
        void record(Duration took, boolean failed);
    }

    private static <T> T store(VeilMetrics metrics, String store, String operation, Supplier<T> work) {
        return timed((took, failed) -> metrics.storeOperation(store, operation, took, failed), work);
    }

    private static <T> T vault(VeilMetrics metrics, String operation, Supplier<T> work) {
        return timed((took, failed) -> metrics.vaultOperation(operation, took, failed), work);
    }

    private static <T> T timed(Report report, Supplier<T> work) {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            T result = work.get();
            failed = false;
            return result;
        } finally {
            report.record(Duration.ofNanos(System.nanoTime() - start), failed);
        }
    }

    static KeyProvider keys(KeyProvider keys, VeilMetrics metrics) {
        requireNonNull(keys, "keys");
        requireNonNull(metrics, "metrics");
        return new KeyProvider() {
            @Override public KeyVersion current(String keyId) { return vault(metrics, "load_key", () -> keys.current(keyId)); }
            @Override public KeyVersion version(String keyId, int version) { return vault(metrics, "load_key", () -> keys.version(keyId, version)); }
            @Override public KeyVersion createIfAbsent(String keyId) { return vault(metrics, "load_key", () -> keys.createIfAbsent(keyId)); }
            @Override public KeyVersion rotate(String keyId) { return vault(metrics, "load_key", () -> keys.rotate(keyId)); }
            @Override public List<KeyInfo> keys() { return keys.keys(); }
            @Override public boolean createsOnFirstUse() { return keys.createsOnFirstUse(); }
        };
    }

    static TokenStore tokens(TokenStore tokens, VeilMetrics metrics) {
        requireNonNull(tokens, "tokens");
        requireNonNull(metrics, "metrics");
        return new TokenStore() {
            @Override public void put(StoredToken entry) { store(metrics, "tokens", "write", () -> { tokens.put(entry); return null; }); }
            @Override public String putIfAbsent(byte[] fingerprint, StoredToken entry) { return store(metrics, "tokens", "write", () -> tokens.putIfAbsent(fingerprint, entry)); }
            @Override public Optional<String> convergentToken(String namespace, byte[] fingerprint) { return store(metrics, "tokens", "read", () -> tokens.convergentToken(namespace, fingerprint)); }
            @Override public Optional<StoredToken> get(String token) { return store(metrics, "tokens", "read", () -> tokens.get(token)); }
            @Override public void recordKeyVersion(byte[] entry, int version) { store(metrics, "tokens", "write", () -> { tokens.recordKeyVersion(entry, version); return null; }); }
            @Override public List<Integer> keyVersions(byte[] entry) { return store(metrics, "tokens", "read", () -> tokens.keyVersions(entry)); }
            @Override public void close() { tokens.close(); }
        };
    }

    static TicketStore tickets(TicketStore tickets, VeilMetrics metrics) {
        requireNonNull(tickets, "tickets");
        requireNonNull(metrics, "metrics");
        return new TicketStore() {
            @Override public Optional<String> find(String brand, String crmTicketId) { return store(metrics, "tickets", "read", () -> tickets.find(brand, crmTicketId)); }
            @Override public Optional<StoredTicket> get(String ticketId) { return store(metrics, "tickets", "read", () -> tickets.get(ticketId)); }
            @Override public Optional<Head> head(String brand, String crmTicketId) { return store(metrics, "tickets", "read", () -> tickets.head(brand, crmTicketId)); }
            @Override public void put(StoredTicket ticket) { store(metrics, "tickets", "write", () -> { tickets.put(ticket); return null; }); }
            @Override public void close() { tickets.close(); }
        };
    }
}
