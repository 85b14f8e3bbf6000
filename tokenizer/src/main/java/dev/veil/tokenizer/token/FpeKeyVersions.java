package dev.veil.tokenizer.token;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.veil.tokenizer.error.VeilException;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import dev.veil.tokenizer.vault.KeyVersion;
import dev.veil.tokenizer.vault.KeyVersionIndex;
import dev.veil.tokenizer.vault.TokenStoreUnavailableException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * Which key version made a format-preserving token: recorded in a {@link KeyVersionIndex} when the
 * token is made, under an entry that is HMAC-SHA256, keyed by a separate index key that is never
 * the token key (so the index is the same whatever version of the token key is current), of the
 * token key's id and the token. Detokenizing uses the caller's version (for example the one the
 * gateway kept in a ticket's token records) or the recorded one, refuses when they disagree, and
 * refuses when neither is known. Without an index only the caller's version can be used.
 */
final class FpeKeyVersions {

    private static final byte[] LABEL = "veil-token-index 1".getBytes(UTF_8);

    private final KeyProvider keys;
    private final String keyId;
    private final String indexKeyId;
    private final KeyVersionIndex index;
    private final IntPredicate symbol;
    /** What an entry's MAC reads before the token: the label and the token key's id, each length-prefixed (one update, not four). */
    private final byte[] entryInput;

    private FpeKeyVersions(KeyProvider keys, String keyId, String indexKeyId, KeyVersionIndex index, IntPredicate symbol) {
        this.keys = keys;
        this.keyId = keyId;
        byte[] id = keyId.getBytes(UTF_8);
        this.entryInput = ByteBuffer.allocate(4 + LABEL.length + 4 + id.length).putInt(LABEL.length).put(LABEL).putInt(id.length).put(id).array();
        this.indexKeyId = indexKeyId;
        this.index = index;
        this.symbol = symbol;
    }

    /** No index: only versions that callers give are used. */
    static FpeKeyVersions none(KeyProvider keys, String keyId) {
        return new FpeKeyVersions(keys, keyId, null, null, null);
    }

    /**
     * Records and looks up versions in {@code index}, under entries keyed by {@code indexKeyId}, of
     * a token's characters that {@code symbol} accepts (its identity whatever its separators).
     */
    static FpeKeyVersions indexed(KeyProvider keys, String keyId, String indexKeyId, KeyVersionIndex index, IntPredicate symbol) {
        if (indexKeyId.equals(keyId)) {
            throw new IllegalArgumentException("indexKeyId: " + indexKeyId + " (expected: a key other than the token key)");
        }
        return new FpeKeyVersions(keys, keyId, indexKeyId, index, symbol);
    }

    /** Records that {@code version} made {@code token}; durable on return, or throws (fail closed). */
    void record(String token, int version) {
        if (index == null) {
            return; // nothing to record, so the token's symbols are not even gathered
        }
        byte[] entry = entry(keys.current(indexKeyId), KeyMaterial.symbols(token, symbol));
        try {
            index.recordKeyVersion(entry, version);
        } catch (VeilException e) {
            throw e;
        } catch (RuntimeException e) {
            // not a TokenizationException: the engine must fail closed, not treat it as a value of the wrong shape
            throw new TokenStoreUnavailableException("key version index write");
        }
    }

    /**
     * The version to decrypt {@code token} with: {@code given} when it is not 0 and agrees with what
     * was recorded, else the one version recorded.
     *
     * @throws KeyVersionUnknownException if no version can be determined, several were recorded and
     *     none was given, or the given one disagrees with the record
     */
    int resolve(String token, int given) {
        List<Integer> recorded = recorded(token);
        if (given != 0) {
            if (!recorded.isEmpty() && !recorded.contains(given)) {
                throw KeyVersionUnknownException.mismatch(keyId, given, recorded);
            }
            return given;
        }
        if (recorded.size() == 1) {
            return recorded.get(0);
        }
        throw recorded.isEmpty() ? KeyVersionUnknownException.unknown(keyId) : KeyVersionUnknownException.ambiguous(keyId, recorded);
    }

    /** Every version recorded for {@code token}, under every version of the index key. */
    private List<Integer> recorded(String token) {
        if (index == null) {
            return List.of();
        }
        int newest;
        try {
            newest = keys.current(indexKeyId).version();
        } catch (KeyUnavailableException e) {
            return List.of(); // no index key, so nothing was ever recorded under it
        }
        String symbols = KeyMaterial.symbols(token, symbol);
        TreeSet<Integer> versions = new TreeSet<>();
        for (int v = newest; v >= 1; v--) {
            byte[] entry = entry(keys.version(indexKeyId, v), symbols);
            try {
                versions.addAll(index.keyVersions(entry));
            } catch (VeilException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new TokenStoreUnavailableException("key version index read");
            }
        }
        return new ArrayList<>(versions);
    }

    private byte[] entry(KeyVersion indexKey, String token) {
        byte[] raw = KeyMaterial.bytes(indexKey);
        javax.crypto.Mac mac;
        try {
            mac = ThreadHmac.forKey(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
        mac.update(entryInput);
        update(mac, token.getBytes(UTF_8));
        return mac.doFinal();
    }

    /** Length-prefixed, so that no two (key id, token) pairs give the same input. */
    private static void update(javax.crypto.Mac mac, byte[] bytes) {
        mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        mac.update(bytes);
    }
}
