package dev.veil.gateway.core;

import dev.veil.gateway.store.StoreUnavailableException;
import dev.veil.tokenizer.error.VeilException;
import dev.veil.tokenizer.token.TokenizationException;
import dev.veil.tokenizer.vault.CorruptStoreException;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import dev.veil.tokenizer.vault.TokenStoreUnavailableException;
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
        } catch (KeyUnavailableException | TokenStoreUnavailableException | CorruptStoreException e) {
            throw new GatewayException(GatewayException.VAULT_UNAVAILABLE, "a token key or the token store is unavailable; nothing was stored");
        } catch (TokenizationException e) {
            if (TokenizationException.STORE_UNAVAILABLE.equals(e.code())) {
                throw new GatewayException(GatewayException.VAULT_UNAVAILABLE, "the token store is unavailable; nothing was stored");
            }
            throw new GatewayException(GatewayException.POLICY_REJECTED, "a value does not fit the token profile its rule names");
        } catch (VeilException e) {
            throw e; // the document's own codes (invalid_json, too_deep, duplicate_key, ...) with PII-free details
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
