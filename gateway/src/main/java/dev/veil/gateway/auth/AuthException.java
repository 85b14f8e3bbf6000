package dev.veil.gateway.auth;

import dev.veil.tokenizer.error.VeilException;

/**
 * A request or a credential that authentication refuses; its {@link #status()} is the HTTP status
 * the caller should answer with, and its detail never quotes a header, token, secret or body.
 */
public final class AuthException extends VeilException {

    /** No {@code webhook-id}, {@code webhook-timestamp} or {@code webhook-signature} header (401). */
    public static final String MISSING_SIGNATURE = "missing_signature";
    /** No signature matches any of the brand's secrets, or the headers are malformed (401). */
    public static final String BAD_SIGNATURE = "bad_signature";
    /** The webhook timestamp is more than the tolerance away from the server's clock (401). */
    public static final String STALE_TIMESTAMP = "stale_timestamp";
    /** A configured webhook secret is not {@code whsec_} followed by 24 to 64 base64 bytes (500, config). */
    public static final String BAD_SECRET = "bad_secret";
    /** No bearer token where one is required (401). */
    public static final String MISSING_TOKEN = "missing_token";
    /** A bearer token that is malformed, badly signed, expired or meant for someone else (401). */
    public static final String INVALID_TOKEN = "invalid_token";
    /** A valid token without the scope the endpoint needs (403). */
    public static final String INSUFFICIENT_SCOPE = "insufficient_scope";
    /** The identity provider's keys cannot be fetched, so no token can be checked (503, fail closed). */
    public static final String IDENTITY_UNAVAILABLE = "identity_unavailable";
    /** A configured verification key, key file or admin token hash is unusable (500, config). */
    public static final String BAD_KEY = "bad_key";

    private final int status;

    private AuthException(String code, String detail, int status) {
        super(code, detail);
        this.status = status;
    }

    /** The HTTP status this failure should be answered with. */
    public int status() {
        return status;
    }

    static AuthException missingSignature(String detail) {
        return new AuthException(MISSING_SIGNATURE, detail, 401);
    }

    static AuthException badSignature(String detail) {
        return new AuthException(BAD_SIGNATURE, detail, 401);
    }

    static AuthException staleTimestamp(String detail) {
        return new AuthException(STALE_TIMESTAMP, detail, 401);
    }

    static AuthException badSecret(String detail) {
        return new AuthException(BAD_SECRET, detail, 500);
    }

    static AuthException missingToken(String detail) {
        return new AuthException(MISSING_TOKEN, detail, 401);
    }

    static AuthException invalidToken(String detail) {
        return new AuthException(INVALID_TOKEN, detail, 401);
    }

    static AuthException insufficientScope(String detail) {
        return new AuthException(INSUFFICIENT_SCOPE, detail, 403);
    }

    static AuthException identityUnavailable(String detail) {
        return new AuthException(IDENTITY_UNAVAILABLE, detail, 503);
    }

    static AuthException badKey(String detail) {
        return new AuthException(BAD_KEY, detail, 500);
    }
}
