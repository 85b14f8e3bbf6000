package dev.veil.gateway.upstream;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.http.ResponseSink;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Copies an upstream answer to a client as it arrives, paced by the client: reading from the
 * upstream pauses while the client's connection is above its high-water mark and resumes when it
 * drains (so memory stays bounded whatever the body's size), and an answer the upstream breaks off
 * after its head is cut on the client side too, never ended as if complete. Runs on the loop the
 * client connection and the upstream call share.
 */
public final class StreamRelay implements UpstreamHandler {

    /** The client got the whole answer. */
    public static final String PASSED = "passed";
    /** The answer was cut after its head (the upstream broke or stalled). */
    public static final String ABORTED = "aborted";
    /** The client went away first. */
    public static final String CLIENT_GONE = "client_gone";
    /** Not passed on: {@link HeadPolicy} declined the head. */
    public static final String DECLINED = "declined";

    /** Decides on an answer's head. */
    @FunctionalInterface
    public interface HeadPolicy {
        /**
         * The headers to pass on with {@code status}, or null to pass nothing on: the upstream call is
         * then cancelled and the policy must end the exchange itself (an error answer, a retry).
         */
        Map<String, String> pass(int status, HttpHeaders headers);
    }

    private final ResponseSink sink;
    private final HeadPolicy policy;
    private final Consumer<String> outcome;
    private final Consumer<UpstreamException> failure;
    private UpstreamBody body;
    private boolean started;
    /** A 204 or 304 head: the answer has no body, so it goes out whole (not chunked) at its end. */
    private HttpResponseHead bodiless;
    private boolean over;

    private StreamRelay(ResponseSink sink, HeadPolicy policy, Consumer<String> outcome, Consumer<UpstreamException> failure) {
        this.sink = sink;
        this.policy = policy;
        this.outcome = outcome;
        this.failure = failure;
    }

    /**
     * A relay into {@code sink}; {@code outcome} hears {@link #PASSED}, {@link #ABORTED},
     * {@link #CLIENT_GONE} or {@link #DECLINED} once, and {@code failure} a failure before any head
     * (after which it must end the exchange, say with {@link ResponseSink#fail}).
     */
    public static StreamRelay to(ResponseSink sink, HeadPolicy policy, Consumer<String> outcome, Consumer<UpstreamException> failure) {
        return new StreamRelay(requireNonNull(sink, "sink"), requireNonNull(policy, "policy"), requireNonNull(outcome, "outcome"),
                requireNonNull(failure, "failure"));
    }

    @Override
    public void head(int status, HttpHeaders headers, UpstreamBody body) {
        this.body = body;
        Map<String, String> pass = policy.pass(status, headers);
        if (pass == null) {
            body.cancel();
            done(DECLINED);
            return;
        }
        if (status == 204 || status == 304) {
            bodiless = new HttpResponseHead(status, pass);
            return;
        }
        if (!sink.head(status, pass, length(headers))) {
            body.cancel();
            done(CLIENT_GONE);
            return;
        }
        started = true;
        sink.onWritable(body::resume);
        sink.onClosed(() -> {
            done(CLIENT_GONE);
            body.cancel();
        });
    }

    @Override
    public void content(ByteBuf chunk) {
        if (over || bodiless != null) {
            chunk.release();
            return;
        }
        sink.write(chunk);
        if (!sink.writable()) {
            body.pause(); // the client is behind: let the upstream wait rather than queue its bytes here
        }
    }

    @Override
    public void end() {
        if (!over && bodiless != null) {
            HttpResponse whole = HttpResponse.of(bodiless.status(), bodiless.headers().getOrDefault("Content-Type", "application/octet-stream"),
                    new byte[0]);
            done(PASSED); // counted before the client can see the answer
            sink.respond(whole);
            return;
        }
        if (!over) {
            done(PASSED);
            sink.end();
        }
    }

    @Override
    public void failed(UpstreamException error) {
        if (over) {
            return;
        }
        if (started) {
            done(ABORTED);
            sink.abort();
            return;
        }
        over = true;
        failure.accept(error);
    }

    private record HttpResponseHead(int status, Map<String, String> headers) {}

    /** The upstream's length when it sent one (and no chunking), else -1: the client gets a chunked body. */
    private static long length(HttpHeaders headers) {
        if (headers.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true)) {
            return -1;
        }
        String value = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        try {
            return value == null ? -1 : Math.max(-1, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void done(String what) {
        if (!over) {
            over = true;
            outcome.accept(what);
        }
    }
}
