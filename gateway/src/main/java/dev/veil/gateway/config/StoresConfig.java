package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.store.pg.PgConfig;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the gateway's state lives ({@code stores:} in {@code veil.yaml}): {@code embedded} files
 * under the data directory (the default, one node), or {@code postgres}, one shared database for
 * several identical nodes. {@code node} names this node in outbox leases and logs.
 */
public record StoresConfig(String kind, Optional<PgConfig> postgres, String node) {

    public static final String EMBEDDED = "embedded";
    public static final String POSTGRES = "postgres";
    // before DEFAULTS, whose construction uses it
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** The embedded default. */
    public static final StoresConfig DEFAULTS = new StoresConfig(EMBEDDED, Optional.empty(), "node-1");

    public StoresConfig {
        requireNonNull(kind, "kind");
        requireNonNull(postgres, "postgres");
        requireNonNull(node, "node");
        if (!kind.equals(EMBEDDED) && !kind.equals(POSTGRES)) {
            throw new IllegalArgumentException("kind: unknown (expected: embedded or postgres)");
        }
        if (kind.equals(POSTGRES) != postgres.isPresent()) {
            throw new IllegalArgumentException("postgres: expected exactly with kind: postgres");
        }
        if (!NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("node: not a node name (expected: letters, digits and . _ -, at most 64)");
        }
    }

    /** Clustered mode on {@code config}. */
    public static StoresConfig postgres(PgConfig config, String node) {
        return new StoresConfig(POSTGRES, Optional.of(config), node);
    }

    public boolean clustered() {
        return postgres.isPresent();
    }
}
