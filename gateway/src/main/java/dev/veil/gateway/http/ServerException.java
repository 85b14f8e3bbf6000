package dev.veil.gateway.http;

import dev.veil.tokenizer.error.VeilException;

/** The server could not start: a listener could not bind, or its TLS files could not be read. */
public final class ServerException extends VeilException {

    ServerException(String code, String detail) {
        super(code, detail);
    }
}
