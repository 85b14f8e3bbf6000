package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Verifies Stripe-style signatures: a header (by default {@code Stripe-Signature}) of the form
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">[,v1=...]}; the time must be within five
 * minutes of the clock (the Stripe libraries' default tolerance). A delivery is named by its signed
 * content, so a replay of the same signed body gets the first answer.
 */
public final class StripeSignature implements WebhookVerifier {

    /** The header Stripe uses. */
    public static final String DEFAULT_HEADER = "Stripe-Signature";
    /** How far {@code t} may be from the clock, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final int MAX_HEADER_LENGTH = 4096;
    private static final String HMAC = "HmacSHA256";

    private final String header;
    private final List<SharedSecret> secrets;
    private final Clock clock;

    private StripeSignature(String header, List<SharedSecret> secrets, Clock clock) {
        this.header = header;
        this.secrets = secrets;
        this.clock = clock;
    }

    public static StripeSignature of(String header, List<SharedSecret> secrets, Clock clock) {
        requireNonNull(header, "header");
        requireNonNull(secrets, "secrets");
        if (secrets.isEmpty()) {
            throw AuthException.badSecret("stripe-style secrets: none configured (expected: at least one)");
        }
        return new StripeSignature(header, List.copyOf(secrets), requireNonNull(clock, "clock"));
    }

    @Override
    public Delivery verify(Headers headers, String pathToken, String peerSubject, byte[] body) {
        requireNonNull(body, "body");
        String value = headers.get(header);
        if (value == null || value.isBlank()) {
            throw AuthException.missingSignature("expected the header " + header);
        }
        if (value.length() > MAX_HEADER_LENGTH) {
            throw AuthException.badSignature(header + ": longer than " + MAX_HEADER_LENGTH + " characters");
        }
        String t = null;
        List<byte[]> offered = new ArrayList<>();
        for (String part : value.split(",")) {
            String item = part.trim();
            if (item.startsWith("t=") && t == null) {
                t = item.substring(2);
            } else if (item.startsWith("v1=") && offered.size() < 16) {
                try {
                    offered.add(HexFormat.of().parseHex(item.substring(3)));
                } catch (IllegalArgumentException notHex) {
                    // a malformed entry cannot match; the others still may
                }
            }
        }
        if (t == null || !SECONDS.matcher(t).matches()) {
            throw AuthException.badSignature(header + ": expected t=<unix seconds>,v1=<hex>");
        }
        Instant sent = Instant.ofEpochSecond(Long.parseLong(t));
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(TOLERANCE)) || sent.isAfter(now.plus(TOLERANCE))) {
            throw AuthException.staleTimestamp(header + ": t is more than " + TOLERANCE.toMinutes() + " minutes from the server's clock");
        }
        byte[] prefix = (t + ".").getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (SharedSecret secret : secrets) {
            byte[] expected = secret.hmac(HMAC, prefix, body);
            for (byte[] candidate : offered) {
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        if (!matched) {
            throw AuthException.badSignature(header + ": no v1 signature matches the brand's secrets");
        }
        return new Delivery(WebhookVerifier.contentId("st", prefix, body), sent);
    }

    /** The header value for {@code body} at {@code seconds} (tests, {@code veil crm test}). */
    public static String sign(SharedSecret secret, long seconds, byte[] body) {
        byte[] prefix = (seconds + ".").getBytes(StandardCharsets.UTF_8);
        return "t=" + seconds + ",v1=" + HexFormat.of().formatHex(secret.hmac(HMAC, prefix, body));
    }
}
