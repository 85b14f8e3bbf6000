package dev.veil.gateway.upstream;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.pool.ChannelPool;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One call on a pooled connection, as the last-but-one handler of its pipeline while it runs:
 * acquire, send, pass the answer on, then give the connection back (keep-alive, whole answer read)
 * or close it. Runs only on the pool's event loop. A reused connection found closed before any
 * answer byte is retried once on another connection for idempotent methods (the peer may close an
 * idle connection just as a call goes out).
 */
final class UpstreamCall extends ChannelInboundHandlerAdapter implements UpstreamBody {

    static final String GUARD = "guard";
    private static final String NAME = "call";

    private enum State { ACQUIRING, SENT, BODY, DONE }

    private final ChannelPool pool;
    private final UpstreamRequest request;
    private final UpstreamHandler handler;
    private final boolean retry;

    private State state = State.ACQUIRING;
    private Channel channel;
    private boolean reused;
    private boolean keepAlive;
    private boolean paused;
    private ScheduledFuture<?> timer;

    UpstreamCall(ChannelPool pool, UpstreamRequest request, UpstreamHandler handler, boolean retry) {
        this.pool = pool;
        this.request = request;
        this.handler = handler;
        this.retry = retry;
    }

    void start() {
        pool.acquire().addListener((Future<Channel> acquired) -> {
            if (!acquired.isSuccess()) {
                fail(acquireFailure(acquired.cause()));
                return;
            }
            attach(acquired.getNow());
        });
    }

    private UpstreamException acquireFailure(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return UpstreamException.timeout("the upstream did not accept a connection in time", true);
        }
        if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof IllegalStateException) {
            // the pool's wait for a free connection timed out, or too many calls wait already
            return UpstreamException.busy("every connection to the upstream is busy; retry later");
        }
        return UpstreamException.unavailable("the upstream could not be reached (" + cause.getClass().getSimpleName() + ")", true);
    }

    private void attach(Channel ch) {
        channel = ch;
        int uses = ch.attr(UpstreamClient.USES).get() == null ? 0 : ch.attr(UpstreamClient.USES).get();
        reused = uses > 0;
        ch.attr(UpstreamClient.USES).set(uses + 1);
        if (!ch.isActive()) {
            connectionLost(false);
            return;
        }
        ch.pipeline().addBefore(GUARD, NAME, this);
        ch.config().setAutoRead(true);
        state = State.SENT;
        timer = ch.eventLoop().schedule(() -> timedOut(false), request.timeout().toNanos(), TimeUnit.NANOSECONDS);
        ch.writeAndFlush(message()).addListener(f -> {
            if (!f.isSuccess() && state == State.SENT) {
                connectionLost(false);
            }
        });
    }

    private FullHttpRequest message() {
        byte[] body = request.body();
        FullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()), request.target(),
                body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            out.headers().set(h.getKey(), h.getValue());
        }
        out.headers().set(HttpHeaderNames.HOST, request.origin().hostHeader());
        if (body != null || !request.method().equals("GET") && !request.method().equals("DELETE")) {
            out.headers().set(HttpHeaderNames.CONTENT_LENGTH, body == null ? 0 : body.length);
        }
        return out;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (state == State.DONE) {
                return;
            }
            if (msg instanceof HttpResponse head && state == State.SENT) {
                if (head.decoderResult().isFailure()) {
                    invalid();
                    return;
                }
                if (head.status().code() == 100) {
                    return; // an interim answer; the real one follows
                }
                state = State.BODY;
                keepAlive = HttpUtil.isKeepAlive(head);
                cancelTimer();
                restartStallTimer();
                handler.head(head.status().code(), head.headers(), this);
            }
            if (msg instanceof HttpContent content && state == State.BODY) {
                if (content.decoderResult().isFailure()) {
                    invalid();
                    return;
                }
                restartStallTimer();
                if (content.content().isReadable()) {
                    handler.content(content.content().retain());
                }
                if (msg instanceof LastHttpContent && state == State.BODY) {
                    finish(keepAlive);
                    handler.end();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state != State.DONE) {
            connectionLost(state == State.BODY);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (state != State.DONE) {
            connectionLost(state == State.BODY);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(evt); // in use: the call's own timers decide, not the pool's idle timer
        }
    }

    @Override
    public void pause() {
        if (state == State.BODY && !paused) {
            paused = true;
            cancelTimer(); // a paused body is the client's pace, not a stalled upstream
            channel.config().setAutoRead(false);
        }
    }

    @Override
    public void resume() {
        if (state == State.BODY && paused) {
            paused = false;
            restartStallTimer();
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void cancel() {
        if (state != State.DONE) {
            finish(false);
        }
    }

    /** The head is late (or, in the body, no byte came for the timeout while reading). */
    private void timedOut(boolean inBody) {
        if (state == State.DONE) {
            return;
        }
        finish(false);
        handler.failed(UpstreamException.timeout(inBody
                ? "the upstream's answer stalled for " + request.timeout().toMillis() + " ms"
                : "the upstream did not answer within " + request.timeout().toMillis() + " ms", !inBody));
    }

    private void restartStallTimer() {
        cancelTimer();
        if (!paused) {
            timer = channel.eventLoop().schedule(() -> timedOut(true), request.timeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void invalid() {
        boolean afterHead = state == State.BODY;
        finish(false);
        handler.failed(UpstreamException.unavailable("the upstream's answer is not valid HTTP", !afterHead));
    }

    private void connectionLost(boolean afterHead) {
        if (state == State.DONE) {
            return;
        }
        boolean again = !afterHead && reused && !retry && request.idempotent();
        finish(false);
        if (again) {
            new UpstreamCall(pool, request, handler, true).start();
            return;
        }
        handler.failed(UpstreamException.unavailable(afterHead
                ? "the upstream's connection broke during the answer"
                : "the upstream closed or reset the connection", !afterHead));
    }

    private void fail(UpstreamException error) {
        state = State.DONE;
        handler.failed(error);
    }

    /** Ends the call: the connection goes back to the pool if it can carry another call, else it is closed. */
    private void finish(boolean reusable) {
        state = State.DONE;
        cancelTimer();
        if (channel == null) {
            return;
        }
        Channel ch = channel;
        if (ch.pipeline().context(this) != null) {
            ch.pipeline().remove(this);
        }
        if (!reusable || !ch.isActive()) {
            ch.close();
        }
        ch.config().setAutoRead(true);
        pool.release(ch);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
