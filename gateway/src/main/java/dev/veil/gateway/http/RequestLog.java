package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

/**
 * What the server tells a {@link RequestObserver} about one response: nothing that may hold personal
 * data. {@code route} is the matched pattern ({@code /v1/tickets/{id}}), {@link #UNMATCHED} when no
 * route matched or the request failed before routing; {@code method} is a standard method or
 * {@code OTHER}, so label sets stay bounded.
 */
public record RequestLog(
        String listener, String method, String route, int status, long durationNanos, long requestBytes, long responseBytes) {

    /** The route of requests that matched none. */
    public static final String UNMATCHED = "unmatched";

    public RequestLog {
        requireNonNull(listener, "listener");
        requireNonNull(method, "method");
        requireNonNull(route, "route");
    }
}
