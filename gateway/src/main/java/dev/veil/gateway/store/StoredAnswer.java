package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Arrays;

/** The first answer given to a webhook: its status code and small JSON body, and when it was given. */
public record StoredAnswer(int status, byte[] body, Instant at) {

    /** Largest body kept; answers are ids and error codes, never documents. */
    public static final int MAX_BODY_BYTES = 4096;

    public StoredAnswer {
        requireNonNull(body, "body");
        requireNonNull(at, "at");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 100 to 599)");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("body: " + body.length + " bytes (expected: <= " + MAX_BODY_BYTES + ")");
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredAnswer a && a.status == status && Arrays.equals(a.body, body) && a.at.equals(at);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * status + Arrays.hashCode(body)) + at.hashCode();
    }

    @Override
    public String toString() {
        return "StoredAnswer[" + status + ", " + body.length + " bytes, " + at + "]";
    }
}
