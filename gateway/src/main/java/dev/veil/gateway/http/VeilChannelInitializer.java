package dev.veil.gateway.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;

/** Builds each connection's pipeline: TLS, then HTTP, then Veil's limits and dispatch. */
final class VeilChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final ListenerRuntime listener;

    VeilChannelInitializer(ListenerRuntime listener) {
        this.listener = listener;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        // Counted from registration to close; over the limit the connection gets no HTTP pipeline at all.
        int open = listener.connections().incrementAndGet();
        ch.closeFuture().addListener(f -> listener.connections().decrementAndGet());
        if (open > listener.limits().maxConnections()) {
            ch.pipeline().addLast("reject", new ConnectionRejector(listener.sslContext() == null));
            return;
        }
        addTlsHandlers(ch);
        addHttpHandlers(ch.pipeline());
        addVeilHandlers(ch.pipeline());
    }

    private void addTlsHandlers(SocketChannel ch) {
        if (listener.sslContext() == null) {
            return;
        }
        SslHandler ssl = listener.sslContext().newHandler(ch.alloc());
        // A handshake is held to the same deadline as a request.
        ssl.setHandshakeTimeoutMillis(listener.limits().requestTimeout().toMillis());
        ch.pipeline().addLast("tls", ssl);
    }

    private void addHttpHandlers(ChannelPipeline p) {
        HttpLimits limits = listener.limits();
        // Before the codec: slow clients are timed by raw bytes, even mid-header.
        p.addLast("timeouts", new RequestTimeouts(limits));
        p.addLast("codec", new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxRequestLineBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxChunkSize(64 * 1024)));
    }

    private void addVeilHandlers(ChannelPipeline p) {
        p.addLast("aggregator", new BodyAggregator(listener.limits()));
        p.addLast("dispatcher", new RequestDispatcher(listener));
    }
}
