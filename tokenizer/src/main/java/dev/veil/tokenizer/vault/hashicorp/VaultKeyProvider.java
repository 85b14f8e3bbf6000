package dev.veil.tokenizer.vault.hashicorp;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.KeyIds;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import dev.veil.tokenizer.vault.KeyVersion;
import io.github.jopenlibs.vault.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * Veil's keys in HashiCorp Vault. Each key has a record in KV v2 at
 * {@code <kv>/data/<prefix>/keys/<keyId>} listing its versions. In Transit mode
 * ({@link #transit}) a version is a data key made by {@code transit/datakey/wrapped/<name>} and
 * stored only wrapped ({@code vault:vN:...}); it is unwrapped with {@code transit/decrypt/<name>}
 * when used, and its Veil version is the Transit key version that wrapped it, so rotating the Veil
 * key rotates the Transit key. In KV mode ({@link #kv}) the record holds the key material itself,
 * for teams without Transit. Unwrapped keys and records stay in memory for a bounded time and
 * count ({@link VaultSettings#cacheTtl()}, {@link VaultSettings#cacheMaxEntries()}); nothing is
 * ever written to disk. A version below the key's minimum decryption version ({@link #retire})
 * refuses to decrypt. Failures of Vault surface as {@link VaultUnavailableException} (fail closed).
 */
public final class VaultKeyProvider implements KeyProvider, AutoCloseable {

    private static final int KEY_BYTES = 32;
    private static final int MAX_CAS_ATTEMPTS = 8;

    /** How a version's key is made and read back. */
    private interface DataKeys {
        /** Makes a new version after {@code record}: its number and stored form. */
        Made make(String keyId, KeyRecord record, boolean rotate);

        byte[] open(String keyId, int version, String stored);

        default void retire(String keyId, int minVersion) {}
    }

    private record Made(int version, String stored) {}

    private record VersionKey(String keyId, int version) {}

    private final VaultClient client;
    private final DataKeys dataKeys;
    private final String recordPrefix;
    private final String listPrefix;
    private final ExpiringCache<String, KeyRecord> records;
    private final ExpiringCache<VersionKey, KeyVersion> unwrapped;

    private VaultKeyProvider(VaultClient client, DataKeys dataKeys, Clock clock) {
        this.client = requireNonNull(client, "client");
        this.dataKeys = dataKeys;
        VaultSettings s = client.settings();
        this.recordPrefix = s.kvMount() + "/data/" + s.prefix() + "/keys/";
        this.listPrefix = s.kvMount() + "/metadata/" + s.prefix() + "/keys/";
        this.records = new ExpiringCache<>(s.cacheTtl(), s.cacheMaxEntries(), clock);
        this.unwrapped = new ExpiringCache<>(s.cacheTtl(), s.cacheMaxEntries(), clock);
    }

    /** Envelope encryption through Transit: data keys wrapped by {@code transit/datakey/wrapped/<name>}. */
    public static VaultKeyProvider transit(VaultClient client, Clock clock) {
        return new VaultKeyProvider(client, new TransitDataKeys(client), clock);
    }

    /** Key material kept in KV v2, for teams without Transit. */
    public static VaultKeyProvider kv(VaultClient client, Clock clock, SecureRandom random) {
        requireNonNull(random, "random");
        return new VaultKeyProvider(client, new DataKeys() {
            @Override
            public Made make(String keyId, KeyRecord record, boolean rotate) {
                byte[] key = new byte[KEY_BYTES];
                random.nextBytes(key);
                return new Made(record.exists() ? record.latest() + 1 : 1, Base64.getEncoder().encodeToString(key));
            }

            @Override
            public byte[] open(String keyId, int version, String stored) {
                return Base64.getDecoder().decode(stored);
            }
        }, clock);
    }

    /** The Transit key that wraps {@code keyId}'s data keys: {@code <prefix>-<keyId>}, {@code _} written {@code _u} and {@code /} written {@code _s}. */
    public static String transitKeyName(String prefix, String keyId) {
        return prefix.replace('/', '-') + "-" + keyId.replace("_", "_u").replace("/", "_s");
    }

    @Override
    public KeyVersion current(String keyId) {
        KeyIds.requireValid(keyId);
        KeyRecord record = record(keyId, true);
        if (!record.exists()) {
            throw new KeyUnavailableException("key " + keyId + " does not exist in Vault (create it with: veil keys create " + keyId + ")");
        }
        return open(keyId, record.latest(), record);
    }

    @Override
    public KeyVersion version(String keyId, int version) {
        KeyIds.requireValid(keyId);
        KeyVersion cached = unwrapped.get(new VersionKey(keyId, version));
        if (cached != null) {
            return cached;
        }
        KeyRecord record = record(keyId, true);
        if (!record.versions().containsKey(version)) {
            // a version made by another node since the record was cached
            record = record(keyId, false);
        }
        return open(keyId, version, record);
    }

    @Override
    public synchronized KeyVersion createIfAbsent(String keyId) {
        KeyIds.requireValid(keyId);
        return add(keyId, false);
    }

    @Override
    public synchronized KeyVersion rotate(String keyId) {
        KeyIds.requireValid(keyId);
        return add(keyId, true);
    }

    /**
     * Retires every version of {@code keyId} below {@code minVersion}: they refuse to decrypt from
     * now on (in Transit mode Transit's own {@code min_decryption_version} is raised too).
     */
    public synchronized void retire(String keyId, int minVersion) {
        KeyIds.requireValid(keyId);
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            KeyRecord record = record(keyId, false);
            if (!record.exists() || minVersion < 1 || minVersion > record.latest()) {
                throw new IllegalArgumentException("minVersion: " + minVersion + " (expected: 1 to the key's newest version)");
            }
            dataKeys.retire(keyId, minVersion);
            if (write(keyId, record.withMinDecryptionVersion(minVersion))) {
                unwrapped.removeIf(k -> k.keyId().equals(keyId));
                return;
            }
        }
        throw new KeyUnavailableException("key " + keyId + ": too many concurrent changes, try again");
    }

    /** The minimum decryption version of {@code keyId} (1 unless retired). */
    public int minDecryptionVersion(String keyId) {
        return record(KeyIds.requireValid(keyId), false).minDecryptionVersion();
    }

    @Override
    public List<KeyInfo> keys() {
        List<String> ids = new ArrayList<>();
        collect("", ids, 0);
        List<KeyInfo> infos = new ArrayList<>();
        for (String id : ids.stream().sorted().toList()) {
            KeyRecord record = record(id, false);
            if (record.exists()) {
                infos.add(new KeyInfo(id, record.latest()));
            }
        }
        return List.copyOf(infos);
    }

    /** The client this provider calls Vault through. */
    public VaultClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }

    // ---------------------------------------------------------------------------------------

    private void collect(String folder, List<String> into, int depth) {
        if (depth > 64) {
            return;
        }
        for (String entry : client.list(listPrefix + folder, "list_keys")) {
            if (entry.endsWith("/")) {
                collect(folder + entry, into, depth + 1);
            } else {
                into.add(folder + entry);
            }
        }
    }

    private KeyVersion add(String keyId, boolean rotate) {
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            KeyRecord record = record(keyId, false);
            if (record.exists() && !rotate) {
                return open(keyId, record.latest(), record);
            }
            Made made = dataKeys.make(keyId, record, rotate);
            if (record.versions().containsKey(made.version())) {
                continue; // another node's version took this number: make another
            }
            if (write(keyId, record.with(made.version(), made.stored()))) {
                return open(keyId, made.version(), record.with(made.version(), made.stored()));
            }
        }
        throw new KeyUnavailableException("key " + keyId + ": too many concurrent changes, try again");
    }

    /** Writes {@code record} with check-and-set at the version it was read at; false if someone else wrote first. */
    private boolean write(String keyId, KeyRecord record) {
        JsonObject body = new JsonObject()
                .add("options", new JsonObject().add("cas", record.kvVersion()))
                .add("data", record.toJson());
        try {
            client.write(recordPrefix + keyId, body, "write_key");
            records.removeIf(keyId::equals);
            return true;
        } catch (VaultRejectedException e) {
            if (e.reason() == VaultRejectedException.Reason.CHECK_AND_SET) {
                records.removeIf(keyId::equals);
                return false;
            }
            throw new KeyUnavailableException("key " + keyId + ": Vault refused the write (" + e.reason().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }

    private KeyRecord record(String keyId, boolean cached) {
        if (cached) {
            KeyRecord record = records.get(keyId);
            if (record != null) {
                return record;
            }
        }
        Optional<JsonObject> read = client.read(recordPrefix + keyId, "read_key");
        KeyRecord record;
        try {
            record = read.map(KeyRecord::fromResponse).orElse(KeyRecord.empty());
        } catch (RuntimeException e) {
            throw new KeyUnavailableException("key " + keyId + ": its record in Vault is unreadable");
        }
        if (record.exists()) {
            records.put(keyId, record);
        }
        return record;
    }

    private KeyVersion open(String keyId, int version, KeyRecord record) {
        String stored = record.versions().get(version);
        if (stored == null) {
            throw new KeyUnavailableException("key " + keyId + " has no version " + version + " in Vault");
        }
        if (version < record.minDecryptionVersion()) {
            throw new KeyUnavailableException("key " + keyId + " version " + version
                    + " is retired (minimum decryption version " + record.minDecryptionVersion() + ")");
        }
        VersionKey cacheKey = new VersionKey(keyId, version);
        KeyVersion cached = unwrapped.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        byte[] raw = dataKeys.open(keyId, version, stored);
        if (raw.length != KEY_BYTES) {
            throw new KeyUnavailableException("key " + keyId + " version " + version + ": unexpected key size in Vault");
        }
        KeyVersion key = new KeyVersion(keyId, version, new SecretKeySpec(raw, "AES"));
        java.util.Arrays.fill(raw, (byte) 0);
        unwrapped.put(cacheKey, key);
        return key;
    }

    /** Transit: {@code transit/keys/<name>} (create, rotate, config) and {@code datakey/wrapped}, {@code decrypt}. */
    private static final class TransitDataKeys implements DataKeys {
        private final VaultClient client;
        private final String mount;
        private final String prefix;

        TransitDataKeys(VaultClient client) {
            this.client = client;
            this.mount = client.settings().transitMount();
            this.prefix = client.settings().prefix();
        }

        @Override
        public Made make(String keyId, KeyRecord record, boolean rotate) {
            String name = transitKeyName(prefix, keyId);
            if (!record.exists()) {
                // creating a Transit key that exists changes nothing, so a retry after a crash is safe
                client.write(mount + "/keys/" + name, new JsonObject().add("type", "aes256-gcm96"), "create_key");
            }
            if (rotate && record.exists()) {
                client.write(mount + "/keys/" + name + "/rotate", new JsonObject(), "rotate_key");
            }
            JsonObject data = client.write(mount + "/datakey/wrapped/" + name, new JsonObject().add("bits", 256), "datakey")
                    .get("data").asObject();
            String ciphertext = data.getString("ciphertext", null);
            int version = data.get("key_version") != null ? data.get("key_version").asInt() : versionOf(ciphertext);
            if (ciphertext == null || version < 1) {
                throw new VaultUnavailableException(VaultFailure.BAD_RESPONSE, "datakey", client.retryAfter());
            }
            return new Made(version, ciphertext);
        }

        @Override
        public byte[] open(String keyId, int version, String stored) {
            String name = transitKeyName(prefix, keyId);
            try {
                JsonObject data = client.write(mount + "/decrypt/" + name, new JsonObject().add("ciphertext", stored), "decrypt")
                        .get("data").asObject();
                return Base64.getDecoder().decode(data.getString("plaintext", ""));
            } catch (VaultRejectedException e) {
                if (e.reason() == VaultRejectedException.Reason.VERSION_RETIRED) {
                    throw new KeyUnavailableException("key " + keyId + " version " + version
                            + " is retired in Transit (below its min_decryption_version)");
                }
                throw new KeyUnavailableException("key " + keyId + " version " + version + ": Transit refused to unwrap it");
            }
        }

        @Override
        public void retire(String keyId, int minVersion) {
            client.write(mount + "/keys/" + transitKeyName(prefix, keyId) + "/config",
                    new JsonObject().add("min_decryption_version", minVersion), "config_key");
        }

        private static int versionOf(String ciphertext) {
            if (ciphertext == null || !ciphertext.startsWith("vault:v")) {
                return -1;
            }
            int colon = ciphertext.indexOf(':', 7);
            try {
                return colon < 0 ? -1 : Integer.parseInt(ciphertext.substring(7, colon));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
