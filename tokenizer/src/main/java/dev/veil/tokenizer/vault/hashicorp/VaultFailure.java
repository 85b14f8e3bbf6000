package dev.veil.tokenizer.vault.hashicorp;

/**
 * Why a call to HashiCorp Vault failed, as counted in metrics and named in errors: each kind is a
 * stable, PII-free label.
 */
public enum VaultFailure {
    /** Vault answered 503 "Vault is sealed". */
    SEALED("sealed"),
    /** Vault answered 403, and logging in again did not help. */
    PERMISSION_DENIED("permission_denied"),
    /** Vault answered 429 (a rate limit quota). */
    RATE_LIMITED("rate_limited"),
    /** Vault answered another 5xx. */
    SERVER_ERROR("server_error"),
    /** No answer within the configured timeout. */
    TIMEOUT("timeout"),
    /** The connection failed or was reset. */
    UNREACHABLE("unreachable"),
    /** The circuit breaker is open: Vault kept failing, so the call was not even tried. */
    CIRCUIT_OPEN("circuit_open"),
    /** Vault answered something this client cannot read. */
    BAD_RESPONSE("bad_response"),
    /** Too many calls were already waiting for Vault. */
    OVERLOADED("overloaded");

    private final String label;

    VaultFailure(String label) {
        this.label = label;
    }

    /** The metrics label and error word, for example {@code sealed}. */
    public String label() {
        return label;
    }
}
