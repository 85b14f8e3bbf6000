package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import dev.veil.tokenizer.vault.KeyVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvTicketStoreTest extends TicketStoreContract {

    @TempDir
    Path dir;

    final EphemeralKeyProvider keys = new EphemeralKeyProvider(new SecureRandom());
    final List<MvTicketStore> open = new ArrayList<>();

    @Override
    TicketStore store() {
        return open(StoreCipher.of(keys, new SecureRandom()));
    }

    MvTicketStore open(StoreCipher cipher) {
        MvTicketStore s = MvTicketStore.open(dir.resolve("tickets.mv.db"), cipher);
        open.add(s);
        return s;
    }

    @AfterEach
    void close() {
        open.forEach(MvTicketStore::close);
    }

    @Test
    void ticketsSurviveAReopenAndViewsAreSealedOnDisk() throws Exception {
        MvTicketStore s = (MvTicketStore) store();
        StoredTicket t = ticket("t_1", "48213", 1, "{\"secret-looking\":\"visible only sealed\"}");
        s.put(t);
        s.close();
        open.clear();
        byte[] bytes = Files.readAllBytes(dir.resolve("tickets.mv.db"));
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("visible only sealed").doesNotContain("requester.email")
                .contains("48213");
        assertThat(store().get("t_1")).contains(t);
    }

    @Test
    void recordsSealedBeforeAKeyRotationStillOpen() {
        MvTicketStore s = (MvTicketStore) store();
        s.put(ticket("t_1", "48213", 1, "{\"v\":1}"));
        keys.rotate(StoreCipher.DEFAULT_KEY_ID);
        s.put(ticket("t_1", "48213", 2, "{\"v\":2}"));
        s.put(ticket("t_2", "48214", 1, "{\"v\":3}"));
        assertThat(s.get("t_1").orElseThrow().view("").json()).isEqualTo("{\"v\":2}");
        assertThat(s.get("t_2").orElseThrow().view("").json()).isEqualTo("{\"v\":3}");
    }

    @Test
    void withoutTheStoreKeyNothingIsWrittenAndTheFailureIsStoreUnavailable() {
        MvTicketStore s = open(StoreCipher.of(new DownKeys(), new SecureRandom()));
        assertThatThrownBy(() -> s.put(ticket("t_1", "48213", 1, "{}")))
                .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.code()).isEqualTo("store_unavailable"));
        assertThat(s.find("acme", "48213")).isEmpty();
        assertThat(s.get("t_1")).isEmpty();
    }

    /** A key provider whose backend is down. */
    static final class DownKeys implements KeyProvider {
        @Override public KeyVersion current(String keyId) { throw new KeyUnavailableException("down"); }
        @Override public KeyVersion version(String keyId, int version) { throw new KeyUnavailableException("down"); }
        @Override public KeyVersion createIfAbsent(String keyId) { throw new KeyUnavailableException("down"); }
        @Override public KeyVersion rotate(String keyId) { throw new KeyUnavailableException("down"); }
        @Override public List<KeyProvider.KeyInfo> keys() { return List.of(); }
    }
}
