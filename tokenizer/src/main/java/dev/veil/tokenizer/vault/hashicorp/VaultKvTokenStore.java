package dev.veil.tokenizer.vault.hashicorp;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.StoredToken;
import dev.veil.tokenizer.vault.TokenStore;
import io.github.jopenlibs.vault.json.JsonArray;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Vaulted tokens in HashiCorp Vault's KV v2, for small deployments. Layout under
 * {@code <kv>/data/<prefix>/}:
 * <ul>
 *   <li>{@code tokens/<token>}: namespace, key id, key version and the AES-GCM ciphertext (base64);
 *   <li>{@code fingerprints/<namespace>/<hex>}: the token a convergent value was given, keyed by
 *       the keyed fingerprint of the value (an HMAC, never the value);
 *   <li>{@code key-versions/<hex>}: the key versions of a format-preserving token's index entry.
 * </ul>
 * Every write uses KV v2's check-and-set, so that two nodes never both create a token, a
 * fingerprint or lose a recorded version. A convergent store writes the token first and the
 * fingerprint second: a crash in between leaves an unreachable token, never a fingerprint pointing
 * nowhere. Vault failures throw {@link VaultUnavailableException} (fail closed).
 */
public final class VaultKvTokenStore implements TokenStore {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,256}");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_CAS_ATTEMPTS = 16;
    private static final HexFormat HEX = HexFormat.of();

    private final VaultClient client;
    private final String data;
    private final String metadata;
    private volatile boolean closed;

    private VaultKvTokenStore(VaultClient client) {
        this.client = requireNonNull(client, "client");
        VaultSettings s = client.settings();
        this.data = s.kvMount() + "/data/" + s.prefix() + "/";
        this.metadata = s.kvMount() + "/metadata/" + s.prefix() + "/";
    }

    /** A store on {@code client}'s Vault; closing the store does not close the client (the key provider may share it). */
    public static VaultKvTokenStore open(VaultClient client) {
        return new VaultKvTokenStore(client);
    }

    @Override
    public void put(StoredToken entry) {
        requireOpen();
        if (!create(entry)) {
            throw new IllegalStateException("token store: token already exists");
        }
    }

    @Override
    public String putIfAbsent(byte[] fingerprint, StoredToken entry) {
        requireOpen();
        requireNonNull(fingerprint, "fingerprint");
        String path = data + "fingerprints/" + namespace(entry.namespace()) + "/" + HEX.formatHex(fingerprint);
        Optional<String> existing = fingerprintToken(path);
        if (existing.isPresent()) {
            refuseDuplicate(entry.token());
            return existing.get();
        }
        if (!create(entry)) {
            throw new IllegalStateException("token store: token already exists");
        }
        JsonObject body = new JsonObject().add("options", new JsonObject().add("cas", 0))
                .add("data", new JsonObject().add("token", entry.token()));
        try {
            client.write(path, body, "write_fingerprint");
            return entry.token();
        } catch (VaultRejectedException e) {
            if (e.reason() != VaultRejectedException.Reason.CHECK_AND_SET) {
                throw new IllegalStateException("token store: Vault refused a fingerprint write");
            }
        }
        // another writer mapped the fingerprint first: theirs wins, ours goes
        client.delete(metadata + "tokens/" + entry.token(), "delete_token");
        return fingerprintToken(path).orElseThrow(() -> new IllegalStateException("token store: fingerprint vanished"));
    }

    @Override
    public Optional<StoredToken> get(String token) {
        requireOpen();
        if (!TOKEN.matcher(requireNonNull(token, "token")).matches()) {
            return Optional.empty();
        }
        return client.read(data + "tokens/" + token, "read_token").map(response -> entry(token, response));
    }

    @Override
    public void recordKeyVersion(byte[] entry, int version) {
        requireOpen();
        if (version < 1) {
            throw new IllegalArgumentException("version: " + version + " (expected: >= 1)");
        }
        String path = data + "key-versions/" + HEX.formatHex(requireNonNull(entry, "entry"));
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            Optional<JsonObject> read = client.read(path, "read_key_versions");
            TreeSet<Integer> versions = new TreeSet<>(read.map(VaultKvTokenStore::versions).orElse(List.of()));
            if (!versions.add(version)) {
                return;
            }
            long cas = read.map(r -> r.get("data").asObject().get("metadata").asObject().getLong("version", 0)).orElse(0L);
            JsonArray array = new JsonArray();
            versions.forEach(array::add);
            try {
                client.write(path, new JsonObject().add("options", new JsonObject().add("cas", cas))
                        .add("data", new JsonObject().add("versions", array)), "write_key_versions");
                return;
            } catch (VaultRejectedException e) {
                if (e.reason() != VaultRejectedException.Reason.CHECK_AND_SET) {
                    throw new IllegalStateException("token store: Vault refused a key version write");
                }
            }
        }
        throw new IllegalStateException("token store: too many concurrent writers of one key version entry");
    }

    @Override
    public List<Integer> keyVersions(byte[] entry) {
        requireOpen();
        String path = data + "key-versions/" + HEX.formatHex(requireNonNull(entry, "entry"));
        return client.read(path, "read_key_versions").map(VaultKvTokenStore::versions).orElse(List.of());
    }

    /** Every token's name (a {@code LIST} of {@code tokens/}), sorted; for re-wrapping and counts. */
    public List<String> tokens() {
        requireOpen();
        return client.list(metadata + "tokens/", "list_tokens").stream().filter(t -> !t.endsWith("/")).sorted().toList();
    }

    /**
     * Replaces {@code current}'s stored entry by {@code replacement} (same token and namespace, new
     * key version and ciphertext), with check-and-set so that a concurrent change is not lost.
     *
     * @return whether the entry was replaced ({@code false}: it changed meanwhile, read it again)
     */
    public boolean replace(StoredToken current, StoredToken replacement) {
        requireOpen();
        if (!current.token().equals(replacement.token()) || !current.namespace().equals(replacement.namespace())) {
            throw new IllegalArgumentException("replacement: another token or namespace");
        }
        String path = data + "tokens/" + current.token();
        Optional<JsonObject> read = client.read(path, "read_token");
        if (read.isEmpty() || !sameEntry(entry(current.token(), read.get()), current)) {
            return false;
        }
        long cas = read.get().get("data").asObject().get("metadata").asObject().getLong("version", 0);
        try {
            client.write(path, new JsonObject().add("options", new JsonObject().add("cas", cas)).add("data", json(replacement)), "write_token");
            return true;
        } catch (VaultRejectedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    // ---------------------------------------------------------------------------------------

    private boolean create(StoredToken entry) {
        String token = entry.token();
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("token: not a path-safe token");
        }
        namespace(entry.namespace());
        JsonObject body = new JsonObject().add("options", new JsonObject().add("cas", 0)).add("data", json(entry));
        try {
            client.write(data + "tokens/" + token, body, "write_token");
            return true;
        } catch (VaultRejectedException e) {
            if (e.reason() == VaultRejectedException.Reason.CHECK_AND_SET) {
                return false;
            }
            throw new IllegalStateException("token store: Vault refused a token write");
        }
    }

    private void refuseDuplicate(String token) {
        if (TOKEN.matcher(token).matches() && client.read(data + "tokens/" + token, "read_token").isPresent()) {
            throw new IllegalStateException("token store: token already exists");
        }
    }

    private Optional<String> fingerprintToken(String path) {
        return client.read(path, "read_fingerprint").map(r -> r.get("data").asObject().get("data").asObject().getString("token", null));
    }

    private static JsonObject json(StoredToken entry) {
        return new JsonObject()
                .add("namespace", entry.namespace())
                .add("key_id", entry.keyId())
                .add("key_version", entry.keyVersion())
                .add("ciphertext", Base64.getEncoder().encodeToString(entry.ciphertext()));
    }

    private static StoredToken entry(String token, JsonObject response) {
        try {
            JsonObject fields = response.get("data").asObject().get("data").asObject();
            return new StoredToken(token, fields.getString("namespace", null), fields.getString("key_id", null),
                    fields.getInt("key_version", 0), Base64.getDecoder().decode(fields.getString("ciphertext", "")));
        } catch (RuntimeException e) {
            throw new IllegalStateException("token store: an entry in Vault is unreadable");
        }
    }

    private static boolean sameEntry(StoredToken a, StoredToken b) {
        return a.keyId().equals(b.keyId()) && a.keyVersion() == b.keyVersion() && java.util.Arrays.equals(a.ciphertext(), b.ciphertext());
    }

    private static List<Integer> versions(JsonObject response) {
        JsonValue versions = response.get("data").asObject().get("data").asObject().get("versions");
        List<Integer> out = new ArrayList<>();
        if (versions != null && versions.isArray()) {
            for (JsonValue v : versions.asArray()) {
                out.add(v.asInt());
            }
        }
        return out;
    }

    private static String namespace(String namespace) {
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace: not a path-safe name");
        }
        return namespace;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("token store closed");
        }
    }
}
