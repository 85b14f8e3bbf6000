package dev.veil.gateway.upstream;

import dev.veil.gateway.http.HttpException;
import java.util.Map;

/** Why an upstream call failed, with the status a gateway answers for it; details name limits and types only. */
public final class UpstreamException extends HttpException {

    /** The upstream did not connect or answer in time (504). */
    public static final String TIMEOUT = "upstream_timeout";
    /** The upstream could not be reached, reset the connection or answered something unreadable (502). */
    public static final String UNAVAILABLE = "upstream_unavailable";
    /** Every pooled connection to the upstream is busy and too many calls wait (503). */
    public static final String BUSY = "upstream_busy";
    /** The answer was over the caller's limit (502). */
    public static final String TOO_LARGE = "upstream_too_large";

    private final boolean beforeResponse;

    private UpstreamException(int status, String code, String detail, Map<String, String> headers, boolean beforeResponse) {
        super(status, code, detail, headers);
        this.beforeResponse = beforeResponse;
    }

    static UpstreamException timeout(String detail, boolean beforeResponse) {
        return new UpstreamException(504, TIMEOUT, detail, Map.of(), beforeResponse);
    }

    static UpstreamException unavailable(String detail, boolean beforeResponse) {
        return new UpstreamException(502, UNAVAILABLE, detail, Map.of(), beforeResponse);
    }

    static UpstreamException busy(String detail) {
        return new UpstreamException(503, BUSY, detail, Map.of("Retry-After", "1"), true);
    }

    static UpstreamException tooLarge(long max) {
        return new UpstreamException(502, TOO_LARGE, "the upstream answered with more than " + max + " bytes", Map.of(), false);
    }

    /** Whether no byte of the answer had arrived (nothing can have been passed on yet). */
    public boolean beforeResponse() {
        return beforeResponse;
    }
}
