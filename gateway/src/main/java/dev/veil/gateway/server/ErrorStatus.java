package dev.veil.gateway.server;

import dev.veil.gateway.auth.AuthException;
import dev.veil.gateway.http.HttpException;
import dev.veil.gateway.http.StatusMapper;
import dev.veil.tokenizer.error.VeilException;
import java.util.Map;

/**
 * The HTTP status of every stable error code the gateway's core, auth and stores raise; a code not
 * listed is the client's fault (400). One table, so that {@code docs/api.md} can list it whole.
 */
public final class ErrorStatus {

    /** Code to status, for codes that are not 400. */
    public static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("unknown_brand", 404),
            Map.entry("unknown_ticket", 404),
            Map.entry("unknown_expert", 404),
            Map.entry("not_claimant", 403),
            Map.entry("not_eligible", 403),
            Map.entry("claim_conflict", 409),
            Map.entry("document_too_large", 413),
            Map.entry("policy_rejected", 422),
            Map.entry("reply_contains_pii", 422),
            Map.entry("reveal_not_allowed", 403),
            Map.entry("vault_unavailable", 503),
            Map.entry("store_unavailable", 503),
            Map.entry("audit_unavailable", 503),
            Map.entry("key_unavailable", 503),
            Map.entry("token_store_unavailable", 503),
            Map.entry("token_store_corrupt", 503),
            Map.entry("crm_unavailable", 503),
            Map.entry("crm_refused", 502));

    private ErrorStatus() {}

    /** The mapper the gateway's listeners use. */
    public static StatusMapper mapper() {
        return ErrorStatus::status;
    }

    static int status(VeilException failure) {
        if (failure instanceof AuthException auth) {
            return auth.status();
        }
        if (failure instanceof HttpException http) {
            return http.status();
        }
        return STATUS.getOrDefault(failure.code(), 400);
    }
}
