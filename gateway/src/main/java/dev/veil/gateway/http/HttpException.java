package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.error.VeilException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure that carries its own HTTP status: the server answers it with
 * {@code {"error": code, "detail": detail}} and the extra headers given (e.g. {@code Allow},
 * {@code Retry-After}, {@code WWW-Authenticate}). The detail follows the {@link VeilException}
 * contract: no values, no input excerpts.
 */
public class HttpException extends VeilException {

    private final int status;
    private final Map<String, String> headers;

    public HttpException(int status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public HttpException(int status, String code, String detail, Map<String, String> headers) {
        super(code, detail);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 400..599)");
        }
        this.status = status;
        this.headers = Map.copyOf(new LinkedHashMap<>(requireNonNull(headers, "headers")));
    }

    /** 400 with the given code. */
    public static HttpException badRequest(String code, String detail) {
        return new HttpException(400, code, detail);
    }

    /** 404 {@code not_found}. */
    public static HttpException notFound(String detail) {
        return new HttpException(404, "not_found", detail);
    }

    public final int status() {
        return status;
    }

    /** Headers to add to the error response. */
    public final Map<String, String> headers() {
        return headers;
    }
}
