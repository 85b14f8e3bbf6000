package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

/**
 * Answers one request; runs on a worker thread, so it may block on stores and vaults. Throw an
 * {@link HttpException} (or any {@link dev.veil.tokenizer.error.VeilException}) to answer with a
 * JSON error; any other exception becomes 500 {@code internal_error} and is reported by type only.
 */
@FunctionalInterface
public interface Handler {

    HttpResponse handle(HttpRequest request) throws Exception;

    /** This handler wrapped by {@code decorator}: {@code handler.decorate(auth).decorate(audit)}. */
    default Handler decorate(Decorator decorator) {
        return requireNonNull(decorator, "decorator").apply(this);
    }
}
