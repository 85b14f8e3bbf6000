package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TokenStore} does, run against each implementation. */
abstract class TokenStoreContract {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    TokenStore store;

    abstract TokenStore newStore() throws Exception;

    abstract long size(TokenStore store);

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static StoredToken entry(String namespace) {
        byte[] ciphertext = new byte[40];
        RANDOM.nextBytes(ciphertext);
        return new StoredToken("tok_" + COUNTER.incrementAndGet() + "x" + RANDOM.nextInt(1_000_000), namespace, namespace + "/vault", 3, ciphertext);
    }

    static byte[] fingerprint() {
        byte[] fingerprint = new byte[32];
        RANDOM.nextBytes(fingerprint);
        return fingerprint;
    }

    static void assertSameEntry(StoredToken actual, StoredToken expected) {
        assertThat(actual.token()).isEqualTo(expected.token());
        assertThat(actual.namespace()).isEqualTo(expected.namespace());
        assertThat(actual.keyId()).isEqualTo(expected.keyId());
        assertThat(actual.keyVersion()).isEqualTo(expected.keyVersion());
        assertThat(actual.ciphertext()).isEqualTo(expected.ciphertext());
    }

    @Test
    void putThenGetGivesTheEntryBack() {
        StoredToken entry = entry("acme");

        store.put(entry);

        assertSameEntry(store.get(entry.token()).orElseThrow(), entry);
        assertThat(store.get("tok_unknown")).isEmpty();
        assertThat(size(store)).isEqualTo(1);
    }

    @Test
    void duplicateTokenIsRefusedWithoutNamingIt() {
        StoredToken entry = entry("acme");
        store.put(entry);
        StoredToken twin = new StoredToken(entry.token(), "acme", "acme/vault", 1, new byte[] {1});

        assertThatThrownBy(() -> store.put(twin))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(entry.token());
        assertThatThrownBy(() -> store.putIfAbsent(fingerprint(), twin))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(entry.token());
        assertSameEntry(store.get(entry.token()).orElseThrow(), entry);
    }

    @Test
    void putIfAbsentKeepsTheFirstTokenForAFingerprint() {
        byte[] fingerprint = fingerprint();
        StoredToken first = entry("acme");
        StoredToken second = entry("acme");

        assertThat(store.putIfAbsent(fingerprint, first)).isEqualTo(first.token());
        assertThat(store.putIfAbsent(fingerprint.clone(), second)).isEqualTo(first.token());

        assertSameEntry(store.get(first.token()).orElseThrow(), first);
        assertThat(store.get(second.token())).isEmpty();
        assertThat(size(store)).isEqualTo(1);
    }

    @Test
    void convergentTokenFindsOnlyAStoredMappingOfItsNamespace() {
        byte[] fingerprint = fingerprint();
        StoredToken first = entry("acme");
        assertThat(store.convergentToken("acme", fingerprint)).isEmpty();

        assertThat(store.putIfAbsent(fingerprint, first)).isEqualTo(first.token());

        // a store may always answer empty (putIfAbsent then decides); one that answers, answers right
        store.convergentToken("acme", fingerprint.clone()).ifPresent(token -> assertThat(token).isEqualTo(first.token()));
        assertThat(store.convergentToken("ac", fingerprint)).isEmpty();
        assertThat(store.convergentToken("acme", fingerprint())).isEmpty();
        assertThat(size(store)).isEqualTo(1);
    }

    @Test
    void fingerprintsAreSeparatePerNamespace() {
        byte[] fingerprint = fingerprint();
        StoredToken acme = entry("acme");
        StoredToken globex = entry("globex");

        assertThat(store.putIfAbsent(fingerprint, acme)).isEqualTo(acme.token());
        assertThat(store.putIfAbsent(fingerprint, globex)).isEqualTo(globex.token());
        // a namespace that is a prefix of another must not collide either
        StoredToken ac = entry("ac");
        assertThat(store.putIfAbsent(fingerprint, ac)).isEqualTo(ac.token());
    }

    @Test
    void storedCiphertextCannotBeAlteredThroughTheCallersArrays() {
        StoredToken entry = entry("acme");
        byte[] original = entry.ciphertext().clone();
        store.put(entry);

        entry.ciphertext()[0] ^= 1;
        store.get(entry.token()).orElseThrow().ciphertext()[1] ^= 1;

        assertThat(store.get(entry.token()).orElseThrow().ciphertext()).isEqualTo(original);
    }

    @Test
    void concurrentPutIfAbsentOnOneFingerprintMakesExactlyOneToken() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                byte[] fingerprint = fingerprint();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    StoredToken entry = entry("acme");
                    results.add(pool.submit(() -> {
                        start.await();
                        return store.putIfAbsent(fingerprint, entry);
                    }));
                }
                start.countDown();
                Set<String> winners = ConcurrentHashMap.newKeySet();
                for (Future<String> result : results) {
                    winners.add(result.get(30, TimeUnit.SECONDS));
                }
                assertThat(winners).hasSize(1);
                assertThat(store.get(winners.iterator().next())).isPresent();
                assertThat(size(store)).isEqualTo(round + 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closedStoreFailsClosed() {
        StoredToken entry = entry("acme");
        store.put(entry);
        store.close();

        assertThatThrownBy(() -> store.get(entry.token())).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.put(entry("acme"))).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.putIfAbsent(fingerprint(), entry("acme"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void recordsKeyVersionsInOrderOnceEach() {
        byte[] entry = fingerprint();

        assertThat(store.keyVersions(entry)).isEmpty();
        store.recordKeyVersion(entry, 2);
        store.recordKeyVersion(entry, 2);
        store.recordKeyVersion(entry, 1);

        assertThat(store.keyVersions(entry)).containsExactly(1, 2);
        assertThat(store.keyVersions(fingerprint())).isEmpty();
        assertThatThrownBy(() -> store.recordKeyVersion(entry, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentRecordsOfOneEntryAreAllKept() throws Exception {
        byte[] entry = fingerprint();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 1; i <= threads; i++) {
                int version = i;
                done.add(pool.submit(() -> {
                    start.await();
                    store.recordKeyVersion(entry, version);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.keyVersions(entry)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }
}
