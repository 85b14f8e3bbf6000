package dev.veil.gateway.core;

import dev.veil.gateway.store.StoreUnavailableException;
import dev.veil.policy.engine.InvalidDocumentException;
import dev.veil.policy.engine.LimitExceededException;
import dev.veil.tokenizer.error.VeilException;
import dev.veil.tokenizer.token.TokenizationException;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import java.util.function.Supplier;

/**
 * Runs policy work (sanitize, reveal) and turns its failures into {@link GatewayException}s
 * whose details hold no member names or values: the engine's own messages may name paths.
 */
public final class PolicyFailures {

    private PolicyFailures() {
    }

    public static <T> T run(Supplier<T> work) {
        try {
            return work.get();
        } catch (VeilException e) {
            throw e;
        } catch (InvalidDocumentException e) {
            // the engine's parse message gives line and column only
            throw new GatewayException(GatewayException.INVALID_JSON, e.getMessage());
        } catch (LimitExceededException e) {
            throw new GatewayException(GatewayException.LIMIT_EXCEEDED, "the document exceeds " + e.limit());
        } catch (KeyUnavailableException e) {
            throw new GatewayException(GatewayException.VAULT_UNAVAILABLE, "a token key is unavailable; nothing was stored");
        } catch (TokenizationException e) {
            if (e.getCause() != null) {
                throw new GatewayException(GatewayException.VAULT_UNAVAILABLE, "the token store is unavailable; nothing was stored");
            }
            throw new GatewayException(GatewayException.POLICY_REJECTED, "a value does not fit the token profile its rule names");
        } catch (IllegalStateException e) {
            // the token store reports a closed or failing file this way
            throw new GatewayException(GatewayException.VAULT_UNAVAILABLE, "the token store is unavailable; nothing was stored");
        }
    }

    /** Runs a write to routing state; its store's failures become {@code store_unavailable}. */
    public static <T> T routing(Supplier<T> work) {
        try {
            return work.get();
        } catch (VeilException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("routing store: write failed (" + e.getClass().getSimpleName() + ")");
        }
    }
}
