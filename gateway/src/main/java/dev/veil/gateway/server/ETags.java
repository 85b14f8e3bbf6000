package dev.veil.gateway.server;

import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Strong ETags over a JSON answer's bytes, so that a polling client gets {@code 304} while nothing changed. */
final class ETags {

    private ETags() {}

    /** {@code value} as JSON with its ETag, or {@code 304} with no body when the request's {@code If-None-Match} names it. */
    static HttpResponse answer(HttpRequest request, Object value) {
        HttpResponse full = Json.answer(200, value);
        String tag = "\"" + digest(full.body()) + "\"";
        boolean unchanged = request.header("If-None-Match").map(header -> matches(header, tag)).orElse(false);
        HttpResponse out = unchanged ? HttpResponse.of(304, "application/json", new byte[0]) : full;
        return out.withHeader("ETag", tag).withHeader("Cache-Control", "no-cache, private");
    }

    private static boolean matches(String header, String tag) {
        for (String candidate : header.split(",")) {
            if (candidate.trim().equals(tag)) {
                return true;
            }
        }
        return false;
    }

    private static String digest(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM");
        }
    }
}
