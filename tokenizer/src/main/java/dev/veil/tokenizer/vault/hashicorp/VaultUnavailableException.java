package dev.veil.tokenizer.vault.hashicorp;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.error.VeilException;
import java.time.Duration;

/**
 * HashiCorp Vault could not serve a call (sealed, refusing, slow, unreachable, or the circuit
 * breaker is open): the operation fails closed. Code {@code vault_unavailable}; the detail names the
 * failure kind and the operation, never a path, token or value; the driver's exception is not kept.
 */
public final class VaultUnavailableException extends VeilException {

    /** The stable code of every Vault outage. */
    public static final String CODE = "vault_unavailable";

    private final VaultFailure kind;
    private final Duration retryAfter;

    public VaultUnavailableException(VaultFailure kind, String operation, Duration retryAfter) {
        super(CODE, "vault: " + requireNonNull(operation, "operation") + " failed (" + requireNonNull(kind, "kind").label() + ")");
        this.kind = kind;
        this.retryAfter = requireNonNull(retryAfter, "retryAfter");
    }

    /** What went wrong. */
    public VaultFailure kind() {
        return kind;
    }

    /** How long a client should wait before trying again (the breaker's remaining open time, or a default). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
