package dev.veil.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * The whole pipeline of a connection over the listener's limit: on plain HTTP it answers 503
 * {@code too_many_connections} at once and closes; on TLS it closes without spending a handshake.
 */
final class ConnectionRejector extends ChannelInboundHandlerAdapter {

    private static final byte[] RESPONSE;

    static {
        byte[] body = ErrorBodies.bytes("too_many_connections", "the listener has reached its connection limit");
        String head = "HTTP/1.1 503 Service Unavailable\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Retry-After: 1\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        RESPONSE = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, RESPONSE, 0, headBytes.length);
        System.arraycopy(body, 0, RESPONSE, headBytes.length, body.length);
    }

    private final boolean answer;

    ConnectionRejector(boolean answer) {
        this.answer = answer;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (answer) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(RESPONSE)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
