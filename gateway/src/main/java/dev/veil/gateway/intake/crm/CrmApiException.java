package dev.veil.gateway.intake.crm;

import dev.veil.tokenizer.error.VeilException;

/**
 * A call to a brand's CRM API failed: {@code crm_unavailable} (timeout, connection, 5xx, 429; the
 * CRM should retry its webhook) or {@code crm_refused} (401, 403, 404, 422: credentials or data that
 * will not heal). The detail names the status and the CRM's own error code, never a body.
 */
public final class CrmApiException extends VeilException {

    private static final long serialVersionUID = 1L;

    /** The CRM API is unreachable or overloaded (503). */
    public static final String UNAVAILABLE = "crm_unavailable";
    /** The CRM API refused the call for good (502). */
    public static final String REFUSED = "crm_refused";

    private final int status;

    CrmApiException(String code, String detail, int status) {
        super(code, detail);
        this.status = status;
    }

    /** The CRM's HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }
}
