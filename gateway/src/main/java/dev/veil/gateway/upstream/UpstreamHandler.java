package dev.veil.gateway.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Receives one upstream answer on the call's event loop: {@link #head}, then {@link #content} for
 * each chunk, then {@link #end}; or {@link #failed} at any point before {@link #end} (after a head
 * too: the answer is then incomplete). Nothing follows {@link UpstreamBody#cancel}.
 */
public interface UpstreamHandler {

    /** The status and headers; {@code body} paces the rest. */
    void head(int status, HttpHeaders headers, UpstreamBody body);

    /** One chunk of the body; the handler owns {@code chunk} and must release it. */
    void content(ByteBuf chunk);

    /** The whole body has arrived. */
    void end();

    /** The call failed: no connection, no answer in time, or the connection broke. */
    void failed(UpstreamException error);
}
