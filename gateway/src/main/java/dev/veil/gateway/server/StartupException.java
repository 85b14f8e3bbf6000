package dev.veil.gateway.server;

import dev.veil.tokenizer.error.VeilException;

/** The gateway cannot start with this configuration; the detail names what to fix (files, key ids), never data. */
public final class StartupException extends VeilException {

    public StartupException(String code, String detail) {
        super(code, detail);
    }
}
