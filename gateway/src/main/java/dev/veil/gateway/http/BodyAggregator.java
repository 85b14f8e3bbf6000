package dev.veil.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.Arrays;

/**
 * Turns the codec's request parts into one {@link ReceivedRequest} with the body as bytes, releasing
 * every buffer as soon as it is copied. Limits are answered before the work: a declared
 * {@code Content-Length} over the limit is refused before a byte of body is read (and before
 * {@code 100 Continue} is sent), a chunked body as soon as it grows past the limit; oversized
 * headers and malformed requests become 431 and 400. After such an answer the rest is discarded
 * and the connection closes.
 */
final class BodyAggregator extends ChannelInboundHandlerAdapter {

    private final int maxBodyBytes;

    private HttpRequest head;
    private long startNanos;
    private byte[] body;
    private int size;
    private boolean discarding;

    BodyAggregator(HttpLimits limits) {
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (discarding) {
                return;
            }
            if (msg instanceof HttpRequest request) {
                onHead(ctx, request);
            }
            if (msg instanceof HttpContent content && head != null) {
                onContent(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest request) {
        startNanos = System.nanoTime();
        String method = request.method().name();
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpHeaderException) {
                fail(ctx, method, ErrorBodies.response(431, "headers_too_large", "request headers exceed the limit of the listener"));
            } else if (cause instanceof TooLongHttpLineException) {
                fail(ctx, method, ErrorBodies.response(414, "uri_too_long", "request line exceeds the limit of the listener"));
            } else {
                fail(ctx, method, ErrorBodies.response(400, "bad_request", "malformed HTTP request"));
            }
            return;
        }
        long declared;
        try {
            declared = HttpUtil.getContentLength(request, -1L);
        } catch (NumberFormatException e) {
            fail(ctx, method, ErrorBodies.response(400, "bad_request", "malformed Content-Length"));
            return;
        }
        if (declared > maxBodyBytes) {
            fail(ctx, method, tooLarge());
            return;
        }
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null) {
            if (!HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect)) {
                fail(ctx, method, ErrorBodies.response(417, "expectation_failed", "only Expect: 100-continue is supported"));
                return;
            }
            if (request.protocolVersion().compareTo(HttpVersion.HTTP_1_1) >= 0) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
        }
        head = request;
        // Grown as bytes arrive: a declared length alone never reserves more than 64 KiB.
        body = new byte[(int) Math.max(0, Math.min(declared < 0 ? 1024 : declared, Math.min(maxBodyBytes, 64 * 1024)))];
        size = 0;
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        ByteBuf data = content.content();
        int readable = data.readableBytes();
        if (readable > maxBodyBytes - size) {
            fail(ctx, head.method().name(), tooLarge());
            return;
        }
        if (size + readable > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(maxBodyBytes, Math.max((long) body.length * 2, size + readable)));
        }
        data.readBytes(body, size, readable);
        size += readable;
        if (content.decoderResult().isFailure()) {
            fail(ctx, head.method().name(), ErrorBodies.response(400, "bad_request", "malformed HTTP request body"));
            return;
        }
        if (content instanceof LastHttpContent) {
            HttpRequest request = head;
            byte[] bytes = size == body.length ? body : Arrays.copyOf(body, size);
            head = null;
            body = null;
            ctx.fireChannelRead(new ReceivedRequest(request.method().name(), request.uri(), request.headers(), bytes,
                    HttpUtil.isKeepAlive(request), startNanos, null));
        }
    }

    private static HttpResponse tooLarge() {
        return ErrorBodies.response(413, "body_too_large", "request body exceeds the limit of the listener");
    }

    private void fail(ChannelHandlerContext ctx, String method, HttpResponse error) {
        discarding = true;
        head = null;
        body = null;
        ctx.fireChannelRead(ReceivedRequest.failed(method, startNanos, error));
    }
}
