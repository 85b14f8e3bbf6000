package dev.veil.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches raw bytes, before the HTTP codec, so a client that sends its headers or body too slowly
 * (slowloris) is caught even while no HTTP message has been decoded yet. Once the first byte of a
 * request arrives, the whole request must arrive within the request timeout and no gap between
 * bytes may exceed the idle timeout; either expiry is answered with 408 by the dispatcher. An idle
 * keep-alive connection is closed quietly. While a handler works, no timer runs.
 */
final class RequestTimeouts extends ChannelInboundHandlerAdapter {

    private enum State { IDLE, READING, HANDLING, CLOSED }

    private final long requestNanos;
    private final long idleNanos;

    private ChannelHandlerContext ctx;
    private State state = State.IDLE;
    private ScheduledFuture<?> requestTimer;
    private ScheduledFuture<?> idleTimer;

    RequestTimeouts(HttpLimits limits) {
        this.requestNanos = limits.requestTimeout().toNanos();
        this.idleNanos = limits.idleTimeout().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        restartIdle();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.CLOSED) {
            // the request ran out of time and is answered with 408: what the client still sends is dropped
            ReferenceCountUtil.release(msg);
            return;
        }
        if (state == State.IDLE) {
            state = State.READING;
            requestTimer = ctx.executor().schedule(this::expired, requestNanos, TimeUnit.NANOSECONDS);
        }
        if (state == State.READING) {
            restartIdle();
        }
        ctx.fireChannelRead(msg);
    }

    /** The dispatcher has the whole request: stop timing the client. */
    void requestReceived() {
        if (state != State.CLOSED) {
            state = State.HANDLING;
            cancel();
        }
    }

    /** The response is written and the connection stays open: wait for the next request. */
    void responded() {
        if (state == State.HANDLING) {
            state = State.IDLE;
            restartIdle();
        }
    }

    private void restartIdle() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
        }
        idleTimer = ctx.executor().schedule(this::expired, idleNanos, TimeUnit.NANOSECONDS);
    }

    private void expired() {
        State was = state;
        if (was == State.HANDLING || was == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        cancel();
        if (was == State.IDLE) {
            ctx.close();
            return;
        }
        RequestDispatcher dispatcher = ctx.pipeline().get(RequestDispatcher.class);
        if (dispatcher == null) {
            ctx.close();
            return;
        }
        dispatcher.timedOut();
    }

    private void cancel() {
        if (requestTimer != null) {
            requestTimer.cancel(false);
            requestTimer = null;
        }
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }
}
