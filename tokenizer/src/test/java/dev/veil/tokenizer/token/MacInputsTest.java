package dev.veil.tokenizer.token;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.vault.InMemoryTokenStore;
import dev.veil.tokenizer.vault.StoredToken;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The keyed hashes that stores keep (convergent fingerprints, key-version index entries) are
 * what their documented inputs give, computed here from scratch: a store written by an earlier
 * build must still find its entries, however the formats feed their MACs.
 */
class MacInputsTest {

    private final TestKeys keys = new TestKeys();

    @Test
    void fingerprintIsTheMacOfLabelNamespaceAndValue() throws Exception {
        List<byte[]> fingerprints = new ArrayList<>();
        InMemoryTokenStore inner = InMemoryTokenStore.of();
        RecordingStore store = new RecordingStore(inner, fingerprints, new ArrayList<>());
        VaultedTokenFormat format = VaultedTokenFormat.builder(keys, store).namespace("acme").convergent().build();
        format.tokenize("María García");
        byte[] ns = "acme".getBytes(UTF_8);
        byte[] expected = mac("acme/fingerprint", "veil-fingerprint 1".getBytes(UTF_8), ByteBuffer.allocate(4).putInt(ns.length).array(), ns,
                "María García".getBytes(UTF_8));
        assertThat(fingerprints).singleElement().isEqualTo(expected);
    }

    @Test
    void indexEntryIsTheMacOfLengthPrefixedLabelKeyIdAndDigits() throws Exception {
        List<byte[]> entries = new ArrayList<>();
        RecordingStore store = new RecordingStore(InMemoryTokenStore.of(), new ArrayList<>(), entries);
        FpeCardFormat format = FpeCardFormat.builder(keys, "acme/card").versionIndex(store, "acme/index").build();
        String token = format.tokenize("4111 1111 1111 1111").text();
        byte[] expected = mac("acme/index", prefixed("veil-token-index 1".getBytes(UTF_8)), prefixed("acme/card".getBytes(UTF_8)),
                prefixed(token.replace(" ", "").getBytes(UTF_8)));
        assertThat(entries).singleElement().isEqualTo(expected);
    }

    private byte[] mac(String keyId, byte[]... parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keys.current(keyId).key().getEncoded(), "HmacSHA256"));
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    private static byte[] prefixed(byte[] bytes) {
        return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
    }

    /** Passes everything to a real store, noting the fingerprints and index entries it is given. */
    private record RecordingStore(InMemoryTokenStore inner, List<byte[]> fingerprints, List<byte[]> entries)
            implements dev.veil.tokenizer.vault.TokenStore {

        @Override
        public void put(StoredToken entry) {
            inner.put(entry);
        }

        @Override
        public String putIfAbsent(byte[] fingerprint, StoredToken entry) {
            fingerprints.add(fingerprint.clone());
            return inner.putIfAbsent(fingerprint, entry);
        }

        @Override
        public Optional<StoredToken> get(String token) {
            return inner.get(token);
        }

        @Override
        public void recordKeyVersion(byte[] entry, int version) {
            entries.add(entry.clone());
            inner.recordKeyVersion(entry, version);
        }

        @Override
        public List<Integer> keyVersions(byte[] entry) {
            return inner.keyVersions(entry);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
