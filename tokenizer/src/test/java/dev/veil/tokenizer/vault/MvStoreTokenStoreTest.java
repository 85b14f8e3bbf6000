package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvStoreTokenStoreTest extends TokenStoreContract {

    @TempDir
    Path dir;

    @Override
    TokenStore newStore() {
        return MvStoreTokenStore.open(dir.resolve("data/tokens.mv.db"));
    }

    @Override
    long size(TokenStore store) {
        return ((MvStoreTokenStore) store).size();
    }

    @Test
    void createsAnOwnerOnlyFile() throws Exception {
        Path file = ((MvStoreTokenStore) store).path();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void keyVersionsSurviveReopening() {
        Path file = ((MvStoreTokenStore) store).path();
        byte[] entry = fingerprint();
        store.recordKeyVersion(entry, 3);
        store.close();

        store = MvStoreTokenStore.open(file);

        assertThat(store.keyVersions(entry)).containsExactly(3);
    }

    @Test
    void survivesReopening() {
        Path file = ((MvStoreTokenStore) store).path();
        StoredToken plain = entry("acme");
        StoredToken convergent = entry("acme");
        byte[] fingerprint = fingerprint();
        store.put(plain);
        store.putIfAbsent(fingerprint, convergent);
        store.close();

        store = MvStoreTokenStore.open(file);

        assertSameEntry(store.get(plain.token()).orElseThrow(), plain);
        assertSameEntry(store.get(convergent.token()).orElseThrow(), convergent);
        assertThat(store.putIfAbsent(fingerprint, entry("acme"))).isEqualTo(convergent.token());
        assertThat(size(store)).isEqualTo(2);
    }

    @Test
    void aSecondOpenOfTheSameFileFailsClearly() {
        Path file = ((MvStoreTokenStore) store).path();

        assertThatThrownBy(() -> MvStoreTokenStore.open(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("in use by another process");
    }

    @Test
    void aFileThatIsNoStoreFailsClearly() throws Exception {
        Path file = dir.resolve("garbage.mv.db");
        Files.writeString(file, "this is not an MVStore file, just some text that is long enough ".repeat(100));

        assertThatThrownBy(() -> MvStoreTokenStore.open(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void repairsAFingerprintLeftPointingAtALostToken() {
        Path file = ((MvStoreTokenStore) store).path();
        byte[] fingerprint = fingerprint();
        store.close();
        // what a crash between the two maps' writes can leave on disk
        MVStore raw = new MVStore.Builder().fileName(file.toString()).open();
        MVMap<String, String> fingerprints = raw.openMap("fingerprints", new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        fingerprints.put(StoredTokenCodec.fingerprintKey("acme", fingerprint), "tok_lost");
        raw.close();
        store = MvStoreTokenStore.open(file);
        StoredToken entry = entry("acme");

        assertThat(store.putIfAbsent(fingerprint, entry)).isEqualTo(entry.token());
        assertThat(store.putIfAbsent(fingerprint, entry("acme"))).isEqualTo(entry.token());
        assertSameEntry(store.get(entry.token()).orElseThrow(), entry);
    }

    @Test
    void convergentTokenAnswersFromTheMapsAndIgnoresAFingerprintOfALostToken() {
        byte[] fingerprint = fingerprint();
        StoredToken first = entry("acme");
        store.putIfAbsent(fingerprint, first);
        assertThat(store.convergentToken("acme", fingerprint)).contains(first.token());

        Path file = ((MvStoreTokenStore) store).path();
        byte[] lost = fingerprint();
        store.close();
        // what a crash between the two maps' writes can leave on disk: the look-up must not hand it out
        MVStore raw = new MVStore.Builder().fileName(file.toString()).open();
        raw.openMap("fingerprints", new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE))
                .put(StoredTokenCodec.fingerprintKey("acme", lost), "tok_lost");
        raw.close();
        store = MvStoreTokenStore.open(file);

        assertThat(store.convergentToken("acme", lost)).isEmpty();
        assertThat(store.convergentToken("acme", fingerprint)).contains(first.token());
    }

    @Test
    void aTokenOrVersionFoundWithoutWritingIsDurableBeforeItIsHandedOut() throws Exception {
        try (DurableMvStore db = DurableMvStore.open(dir.resolve("shared.mv.db"), "shared store");
                MvStoreTokenStore shared = MvStoreTokenStore.of(db)) {
            byte[] fingerprint = fingerprint();
            byte[] index = fingerprint();
            StoredToken entry = entry("acme");
            // another thread's writes in a batch it never commits: in the maps, not yet on disk
            CompletableFuture.runAsync(() -> {
                try (DurableBatch other = DurableBatch.open()) {
                    shared.putIfAbsent(fingerprint, entry);
                    shared.recordKeyVersion(index, 2);
                }
            }).get();
            assertThat(db.commits()).isZero();

            assertThat(shared.convergentToken("acme", fingerprint)).contains(entry.token());
            assertThat(db.commits()).as("the mapping it found is on disk before the token is handed out").isEqualTo(1);

            CompletableFuture.runAsync(() -> {
                try (DurableBatch other = DurableBatch.open()) {
                    shared.recordKeyVersion(index, 3);
                }
            }).get();
            shared.recordKeyVersion(index, 3); // recorded already: nothing to write, only to wait for
            assertThat(db.commits()).as("the record it found is on disk before it returns").isEqualTo(2);
            assertThat(shared.keyVersions(index)).containsExactly(2, 3);
        }
    }
}
