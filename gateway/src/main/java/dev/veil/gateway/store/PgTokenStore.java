package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.store.pg.PgDatabase;
import dev.veil.tokenizer.vault.StoredToken;
import dev.veil.tokenizer.vault.TokenStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The clustered {@link TokenStore}: vaulted tokens in PostgreSQL. A row holds the token, its
 * namespace, key id and version and the AES-GCM ciphertext the tokenizer sealed with the token as
 * associated data; convergent lookups go by keyed fingerprint (an HMAC of the value, never the
 * value). Writes are committed (and so durable by PostgreSQL's own rules) when a call returns;
 * convergence across nodes rests on the fingerprint table's primary key. Thread-safe.
 */
public final class PgTokenStore implements TokenStore {

    private final PgDatabase db;
    private volatile boolean closed;

    private PgTokenStore(PgDatabase db) {
        this.db = db;
    }

    /** A store on the shared database; closing it leaves the database open (its owner closes it). */
    public static PgTokenStore of(PgDatabase db) {
        return new PgTokenStore(requireNonNull(db, "db"));
    }

    @Override
    public void put(StoredToken entry) {
        requireNonNull(entry, "entry");
        requireOpen();
        boolean added = db.read("token store: put", c -> insert(c, entry));
        if (!added) {
            throw new IllegalStateException("token store: token already exists");
        }
    }

    @Override
    public String putIfAbsent(byte[] fingerprint, StoredToken entry) {
        requireNonNull(fingerprint, "fingerprint");
        requireNonNull(entry, "entry");
        requireOpen();
        if (fingerprint.length == 0) {
            throw new IllegalArgumentException("fingerprint: 0 bytes (expected: > 0)");
        }
        Optional<String> known = mapped(entry.namespace(), fingerprint);
        if (known.isPresent()) {
            return known.get();
        }
        // both rows or neither: a fingerprint never points at a token that is not stored
        String winner = db.inTransaction("token store: put", c -> {
            if (!insert(c, entry)) {
                return null;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO vault_fingerprints (namespace, fingerprint, token) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, entry.namespace());
                s.setBytes(2, fingerprint);
                s.setString(3, entry.token());
                if (s.executeUpdate() == 1) {
                    return entry.token();
                }
            }
            c.rollback(); // another writer mapped it first (and committed): take back our token row
            return "";
        });
        if (winner == null) {
            throw new IllegalStateException("token store: token already exists");
        }
        if (winner.isEmpty()) {
            return mapped(entry.namespace(), fingerprint)
                    .orElseThrow(() -> new StoreUnavailableException("token store: a fingerprint mapping vanished"));
        }
        return winner;
    }

    private Optional<String> mapped(String namespace, byte[] fingerprint) {
        return db.read("token store: read", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT token FROM vault_fingerprints WHERE namespace = ? AND fingerprint = ?")) {
                s.setString(1, namespace);
                s.setBytes(2, fingerprint);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private static boolean insert(Connection c, StoredToken e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO vault_tokens (token, namespace, key_id, key_version, ciphertext) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, e.token());
            s.setString(2, e.namespace());
            s.setString(3, e.keyId());
            s.setInt(4, e.keyVersion());
            s.setBytes(5, e.ciphertext());
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public Optional<StoredToken> get(String token) {
        requireNonNull(token, "token");
        requireOpen();
        return db.read("token store: read", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT namespace, key_id, key_version, ciphertext FROM vault_tokens WHERE token = ?")) {
                s.setString(1, token);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new StoredToken(token, r.getString(1), r.getString(2), r.getInt(3), r.getBytes(4)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public void recordKeyVersion(byte[] entry, int version) {
        requireNonNull(entry, "entry");
        requireOpen();
        if (version < 1) {
            throw new IllegalArgumentException("version: " + version + " (expected: >= 1)");
        }
        db.read("token store: key version", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO vault_key_versions (entry, version) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                s.setBytes(1, entry);
                s.setInt(2, version);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<Integer> keyVersions(byte[] entry) {
        requireNonNull(entry, "entry");
        requireOpen();
        return db.read("token store: key version", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT version FROM vault_key_versions WHERE entry = ? ORDER BY version")) {
                s.setBytes(1, entry);
                List<Integer> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getInt(1));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    /** How many tokens are stored, for operators and tests. */
    public long size() {
        return db.read("token store: read", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM vault_tokens"); ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    @Override
    public void close() {
        // the database belongs to the gateway core, which closes it after every store
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("token store: closed");
        }
    }

    @Override
    public String toString() {
        return "PgTokenStore[" + db.config() + "]";
    }
}
