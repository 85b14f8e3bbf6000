package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.store.PgTokenStore;
import dev.veil.gateway.store.pg.PgSchema;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tokenizer's {@link TokenStore} contract run against the PostgreSQL store (this class sits
 * in the contract's package, in the gateway's tests, because the SQL store lives in the gateway).
 */
class PgTokenStoreContractTest extends TokenStoreContract {

    @RegisterExtension
    static final PgSchema PG = PgSchema.named("tokens");

    @Override
    TokenStore newStore() {
        return PgTokenStore.of(PG.db());
    }

    @Override
    long size(TokenStore store) {
        return ((PgTokenStore) store).size();
    }

    @Test
    void twoNodesConvergeOnOneTokenPerFingerprint() {
        TokenStore other = PgTokenStore.of(PG.db());
        byte[] fp = fingerprint();
        StoredToken a = entry("acme");
        StoredToken b = entry("acme");
        assertThat(store.putIfAbsent(fp, a)).isEqualTo(a.token());
        assertThat(other.putIfAbsent(fp, b)).isEqualTo(a.token());
        assertThat(other.get(b.token())).isEmpty();
        assertThat(other.get(a.token()).orElseThrow().ciphertext()).isEqualTo(a.ciphertext());
    }

    @Test
    void theDatabaseHoldsCiphertextAndKeyedFingerprintsOnly() {
        StoredToken e = entry("acme");
        store.putIfAbsent(fingerprint(), e);
        String dump = PG.db().read("test", c -> {
            StringBuilder sb = new StringBuilder();
            try (ResultSet r = c.createStatement().executeQuery("SELECT token, namespace, key_id, key_version FROM vault_tokens")) {
                while (r.next()) {
                    sb.append(r.getString(1)).append(r.getString(2)).append(r.getString(3)).append(r.getInt(4));
                }
            }
            return sb.toString();
        });
        assertThat(dump).contains(e.token()).doesNotContain(new String(e.ciphertext(), StandardCharsets.ISO_8859_1));
    }
}
