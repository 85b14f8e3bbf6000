package dev.veil.gateway.http;

/**
 * An answer produced later by an asynchronous source (an upstream call on the connection's own
 * event loop) instead of by the handler's thread: {@link HttpResponse#relayed}. The server calls
 * {@link #start} once, on the connection's event loop, and the relay ends the exchange through
 * the sink exactly once: {@link ResponseSink#respond}, {@link ResponseSink#fail},
 * {@link ResponseSink#end} or {@link ResponseSink#abort}.
 */
@FunctionalInterface
public interface ResponseRelay {

    /** Starts producing the answer; an exception thrown here answers as a handler's would. */
    void start(ResponseSink sink) throws Exception;
}
