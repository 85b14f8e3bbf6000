package dev.veil.tokenizer.vault.hashicorp;

import static java.util.Objects.requireNonNull;

import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What Veil keeps in KV v2 for one key: each version's stored form (a Transit-wrapped data key
 * {@code vault:vN:...}, or the base64 key material in KV mode) and the minimum version that may
 * still decrypt, with the KV version the record was read at (for check-and-set).
 */
record KeyRecord(SortedMap<Integer, String> versions, int minDecryptionVersion, long kvVersion) {

    KeyRecord {
        versions = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(versions, "versions")));
    }

    static KeyRecord empty() {
        return new KeyRecord(new TreeMap<>(), 1, 0);
    }

    boolean exists() {
        return !versions.isEmpty();
    }

    int latest() {
        return versions.lastKey();
    }

    KeyRecord with(int version, String stored) {
        TreeMap<Integer, String> more = new TreeMap<>(versions);
        more.put(version, stored);
        return new KeyRecord(more, minDecryptionVersion, kvVersion);
    }

    KeyRecord withMinDecryptionVersion(int min) {
        return new KeyRecord(versions, min, kvVersion);
    }

    /** The KV v2 {@code data} object. */
    JsonObject toJson() {
        JsonObject stored = new JsonObject();
        versions.forEach((version, value) -> stored.add(Integer.toString(version), value));
        return new JsonObject().add("versions", stored).add("min_decryption_version", minDecryptionVersion);
    }

    /** Reads a KV v2 read response ({@code data.data} and {@code data.metadata.version}). */
    static KeyRecord fromResponse(JsonObject response) {
        JsonObject data = response.get("data").asObject();
        JsonObject fields = data.get("data").asObject();
        long kvVersion = data.get("metadata").asObject().getLong("version", 0);
        TreeMap<Integer, String> versions = new TreeMap<>();
        JsonValue stored = fields.get("versions");
        if (stored != null && stored.isObject()) {
            for (JsonObject.Member member : stored.asObject()) {
                versions.put(Integer.parseInt(member.getName()), member.getValue().asString());
            }
        }
        int min = fields.get("min_decryption_version") == null ? 1 : fields.get("min_decryption_version").asInt();
        return new KeyRecord(versions, min, kvVersion);
    }
}
