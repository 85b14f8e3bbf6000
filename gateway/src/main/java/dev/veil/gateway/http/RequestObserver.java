package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Told once about every response the server sends (handler answers and limit errors alike), after
 * it is written: where metrics and access logs attach. Runs on the event loop, so it must not block.
 */
@FunctionalInterface
public interface RequestObserver {

    void onResponse(RequestLog log);

    /** An observer that does nothing. */
    static RequestObserver none() {
        return log -> {};
    }

    /** Every observer in turn; one that throws does not stop the others. */
    static RequestObserver all(List<RequestObserver> observers) {
        List<RequestObserver> copy = List.copyOf(requireNonNull(observers, "observers"));
        return log -> {
            for (RequestObserver observer : copy) {
                try {
                    observer.onResponse(log);
                } catch (RuntimeException ignored) {
                    // An observer's failure must not cost the response or the other observers.
                }
            }
        };
    }
}
