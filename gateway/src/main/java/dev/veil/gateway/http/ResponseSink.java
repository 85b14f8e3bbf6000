package dev.veil.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Where a {@link ResponseRelay} writes its answer: either a whole response, or a head followed by
 * body chunks written only as fast as the client takes them ({@link #writable}, {@link #onWritable}),
 * then {@link #end} or, when the body cannot be completed, {@link #abort} (the client sees a cut
 * answer, never a truncated success). Methods marked "on the loop" must run on {@link #eventLoop}.
 */
public interface ResponseSink {

    /** The client connection's event loop. */
    EventLoop eventLoop();

    /** The listener's bounded worker pool, for blocking or heavy work (it may reject when full). */
    Executor workers();

    /** Ends the exchange with a whole (not streamed) answer; from any thread. */
    void respond(HttpResponse response);

    /** Ends the exchange with the JSON error a handler throwing {@code error} would get; from any thread. */
    void fail(Throwable error);

    /**
     * Writes the head of a streamed answer ({@code length} -1 when unknown: chunked), on the loop;
     * false if the client is gone (the exchange is then over).
     */
    boolean head(int status, Map<String, String> headers, long length);

    /** Writes one body chunk after {@link #head}, taking ownership of {@code content}; on the loop. */
    void write(ByteBuf content);

    /** Whether the client's connection takes more bytes now without queueing beyond its high-water mark; on the loop. */
    boolean writable();

    /** Ends a streamed answer normally; on the loop. */
    void end();

    /** Cuts the client's connection: a streamed answer ends visibly incomplete; on the loop. */
    void abort();

    /** Runs {@code listener} on the loop each time the client's connection turns writable again. */
    void onWritable(Runnable listener);

    /**
     * Runs {@code listener} on the loop if the client's connection closes before the exchange ends,
     * or is cut because it took nothing of a streamed body for the listener's idle timeout.
     */
    void onClosed(Runnable listener);
}
