package dev.veil.gateway.http;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * A request as the aggregator hands it to the dispatcher: complete and free of reference-counted
 * buffers, or already answered by a limit ({@code error} set, and the connection then closes).
 */
record ReceivedRequest(
        String method, String uri, HttpHeaders headers, byte[] body, boolean keepAlive, long startNanos, HttpResponse error) {

    static ReceivedRequest failed(String method, long startNanos, HttpResponse error) {
        return new ReceivedRequest(method, "", null, new byte[0], false, startNanos, error);
    }
}
