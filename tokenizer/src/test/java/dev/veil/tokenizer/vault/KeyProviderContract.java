package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KeyProvider} does, run against each implementation (the local keyring, the
 * command line's throwaway keys and every test fixture), so fixtures cannot drift from the real
 * behaviour. Subclasses in other modules reach it through the tokenizer's test jar.
 */
public abstract class KeyProviderContract {

    /** A new provider with no keys. */
    protected abstract KeyProvider newProvider() throws Exception;

    /** Whether this kind of provider documents creating version 1 on first {@code current}. */
    protected abstract boolean createsOnFirstUse();

    @Test
    void saysWhetherItCreatesOnFirstUse() throws Exception {
        assertThat(newProvider().createsOnFirstUse()).isEqualTo(createsOnFirstUse());
    }

    @Test
    void aLookupNeverCreatesAKeyUnlessTheProviderSaysSo() throws Exception {
        KeyProvider keys = newProvider();
        if (createsOnFirstUse()) {
            assertThat(keys.current("acme/card").version()).isEqualTo(1);
            assertThat(keys.keys()).containsExactly(new KeyProvider.KeyInfo("acme/card", 1));
        } else {
            assertThatThrownBy(() -> keys.current("acme/card")).isInstanceOf(KeyUnavailableException.class);
            assertThat(keys.keys()).isEmpty();
        }
    }

    @Test
    void neverAnswersForAVersionThatWasNotCreated() throws Exception {
        KeyProvider keys = newProvider();

        assertThatThrownBy(() -> keys.version("acme/card", 1)).isInstanceOf(KeyUnavailableException.class);
        keys.createIfAbsent("acme/card");
        assertThatThrownBy(() -> keys.version("acme/card", 2)).isInstanceOf(KeyUnavailableException.class);
        assertThatThrownBy(() -> keys.version("acme/card", 0)).isInstanceOf(KeyUnavailableException.class);
        assertThatThrownBy(() -> keys.version("acme/other", 1)).isInstanceOf(KeyUnavailableException.class);
        assertThat(keys.keys()).containsExactly(new KeyProvider.KeyInfo("acme/card", 1));
    }

    @Test
    void createIfAbsentMakesVersionOneOnceAndNeverAddsAVersion() throws Exception {
        KeyProvider keys = newProvider();

        KeyVersion created = keys.createIfAbsent("acme/card");
        KeyVersion again = keys.createIfAbsent("acme/card");

        assertThat(created.keyId()).isEqualTo("acme/card");
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.key().getEncoded()).hasSize(32);
        assertThat(again.version()).isEqualTo(1);
        assertThat(again.key().getEncoded()).isEqualTo(created.key().getEncoded());
        assertThat(keys.current("acme/card").key().getEncoded()).isEqualTo(created.key().getEncoded());
        assertThat(keys.version("acme/card", 1).key().getEncoded()).isEqualTo(created.key().getEncoded());
    }

    @Test
    void rotationAddsAVersionMakesItCurrentAndKeepsTheOldOnes() throws Exception {
        KeyProvider keys = newProvider();
        byte[] v1 = keys.createIfAbsent("acme/card").key().getEncoded();

        KeyVersion v2 = keys.rotate("acme/card");

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.key().getEncoded()).isNotEqualTo(v1);
        assertThat(keys.current("acme/card").version()).isEqualTo(2);
        assertThat(keys.version("acme/card", 1).key().getEncoded()).isEqualTo(v1);
        assertThat(keys.version("acme/card", 2).key().getEncoded()).isEqualTo(v2.key().getEncoded());
        assertThat(keys.createIfAbsent("acme/card").version()).isEqualTo(2);
    }

    @Test
    void rotatingANewKeyCreatesVersionOne() throws Exception {
        KeyProvider keys = newProvider();

        assertThat(keys.rotate("acme/new").version()).isEqualTo(1);
        assertThat(keys.current("acme/new").version()).isEqualTo(1);
    }

    @Test
    void distinctKeysHaveDistinctMaterial() throws Exception {
        KeyProvider keys = newProvider();

        byte[] a = keys.createIfAbsent("acme/a").key().getEncoded();
        byte[] b = keys.createIfAbsent("acme/b").key().getEncoded();

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void listsKeysSortedByIdWithNewestVersions() throws Exception {
        KeyProvider keys = newProvider();
        keys.createIfAbsent("b/key");
        keys.rotate("a/key");
        keys.rotate("a/key");

        List<KeyProvider.KeyInfo> listed = keys.keys();

        assertThat(listed).containsExactly(new KeyProvider.KeyInfo("a/key", 2), new KeyProvider.KeyInfo("b/key", 1));
    }

    @Test
    void refusesMalformedKeyIdsWhenCreating() throws Exception {
        KeyProvider keys = newProvider();

        assertThatThrownBy(() -> keys.createIfAbsent("Bad Id")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.rotate("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(keys.keys()).isEmpty();
    }

    @Test
    void keyVersionsNeverPrintTheirMaterial() throws Exception {
        KeyVersion key = newProvider().createIfAbsent("acme/card");

        assertThat(key.toString()).isEqualTo("KeyVersion[acme/card v1]");
    }
}
