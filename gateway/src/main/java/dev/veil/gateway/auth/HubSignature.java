package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Verifies GitHub-style signatures, as Intercom, Zammad and many others send them: {@code
 * X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>} or {@code X-Hub-Signature: sha1=<hex
 * HMAC-SHA1>}. The scheme signs neither a time nor a delivery id, so a delivery is named by its
 * signed content only: a replay of a captured body gets the first answer, whatever delivery header
 * ({@code X-GitHub-Delivery}, {@code X-Request-Id}, ...) the replayer puts beside it.
 */
public final class HubSignature implements WebhookVerifier {

    /** Which digest a brand's sender uses. */
    public enum Algorithm {
        /** {@code X-Hub-Signature-256: sha256=...}. */
        SHA256("X-Hub-Signature-256", "sha256=", "HmacSHA256"),
        /** {@code X-Hub-Signature: sha1=...} (Intercom, Zammad). */
        SHA1("X-Hub-Signature", "sha1=", "HmacSHA1");

        final String header;
        final String prefix;
        final String mac;

        Algorithm(String header, String prefix, String mac) {
            this.header = header;
            this.prefix = prefix;
            this.mac = mac;
        }

        /** The header this algorithm's signature comes in. */
        public String header() {
            return header;
        }
    }

    private final Algorithm algorithm;
    private final List<SharedSecret> secrets;

    private HubSignature(Algorithm algorithm, List<SharedSecret> secrets) {
        this.algorithm = algorithm;
        this.secrets = secrets;
    }

    public static HubSignature of(Algorithm algorithm, List<SharedSecret> secrets) {
        requireNonNull(algorithm, "algorithm");
        requireNonNull(secrets, "secrets");
        if (secrets.isEmpty()) {
            throw AuthException.badSecret("hub signature secrets: none configured (expected: at least one)");
        }
        return new HubSignature(algorithm, List.copyOf(secrets));
    }

    @Override
    public Delivery verify(Headers headers, String pathToken, String peerSubject, byte[] body) {
        requireNonNull(body, "body");
        String header = headers.get(algorithm.header);
        if (header == null || header.isBlank()) {
            throw AuthException.missingSignature("expected the header " + algorithm.header);
        }
        String value = header.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith(algorithm.prefix)) {
            throw AuthException.badSignature(algorithm.header + ": expected " + algorithm.prefix + "<hex>");
        }
        byte[] offered;
        try {
            offered = HexFormat.of().parseHex(value.substring(algorithm.prefix.length()).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw AuthException.badSignature(algorithm.header + ": not hex after " + algorithm.prefix);
        }
        boolean matched = false;
        for (SharedSecret secret : secrets) {
            matched |= MessageDigest.isEqual(secret.hmac(algorithm.mac, body), offered);
        }
        if (!matched) {
            throw AuthException.badSignature(algorithm.header + ": does not match the brand's secrets");
        }
        // not the unsigned delivery header: a captured body with a new one would be processed again
        return new Delivery(WebhookVerifier.contentId("hub", body), null);
    }

    /** The header value for {@code body} (tests, {@code veil crm test}). */
    public static String sign(Algorithm algorithm, SharedSecret secret, byte[] body) {
        return algorithm.prefix + HexFormat.of().formatHex(secret.hmac(algorithm.mac, body));
    }
}
