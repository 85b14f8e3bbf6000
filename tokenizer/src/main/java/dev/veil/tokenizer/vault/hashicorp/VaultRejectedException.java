package dev.veil.tokenizer.vault.hashicorp;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.error.VeilException;

/**
 * Vault answered a call with 400 (a request it refuses, not an outage): a check-and-set conflict,
 * a key version retired by {@code min_decryption_version}, or another refusal. Code
 * {@code vault_rejected}; the detail names the reason only.
 */
public final class VaultRejectedException extends VeilException {

    /** Why Vault refused. */
    public enum Reason {
        /** KV v2 "check-and-set parameter did not match the current version". */
        CHECK_AND_SET,
        /** Transit "ciphertext or signature version is disallowed by policy (too old)". */
        VERSION_RETIRED,
        /** Any other 400. */
        OTHER
    }

    /** The stable code. */
    public static final String CODE = "vault_rejected";

    private final Reason reason;

    public VaultRejectedException(Reason reason, String operation) {
        super(CODE, "vault: " + requireNonNull(operation, "operation") + " refused ("
                + requireNonNull(reason, "reason").name().toLowerCase(java.util.Locale.ROOT) + ")");
        this.reason = reason;
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }
}
