package dev.veil.gateway.ops;

import dev.veil.tokenizer.error.VeilException;

/** The audit log could not record an event, so the audited action must not go ahead (503). */
public final class AuditUnavailableException extends VeilException {

    AuditUnavailableException(String detail) {
        super("audit_unavailable", detail);
    }
}
