package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Signs and verifies webhooks by the Standard Webhooks scheme: {@code webhook-signature} holds
 * space-separated {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} entries, made with any of a
 * brand's secrets (several during a rotation), and the timestamp must be within five minutes of the
 * injected clock.
 *
 * <p>The body is signed and checked as raw bytes, never decoded; signatures are compared with
 * {@link MessageDigest#isEqual}. Replay protection by {@code webhook-id} belongs to the caller: a
 * verified id is returned so that the first answer can be stored under it.
 *
 * <p>Asymmetric {@code v1a,<base64 Ed25519 signature>} entries are verified against a brand's
 * public keys ({@link #withPublicKeys}) and made with a signing key ({@link #withSigningKey}), so a
 * receiver of Veil's deliveries may hold only a public key.
 */
public final class StandardWebhooks {

    /** The header with the message id. */
    public static final String ID_HEADER = "webhook-id";
    /** The header with the send time, in Unix seconds. */
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    /** The header with one or more space-separated signatures. */
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** How far a timestamp may be from the clock, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    static final int MAX_ID_LENGTH = 256;
    static final int MAX_SIGNATURE_HEADER_LENGTH = 4096;
    static final int MAX_SIGNATURES = 16;
    private static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1," + MAX_ID_LENGTH + "}");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final String VERSION = "v1,";
    private static final String ASYMMETRIC = "v1a,";
    private static final String HMAC = "HmacSHA256";

    private final List<SharedSecret> secrets;
    private final List<Ed25519Key> publicKeys;
    private final Ed25519Key signingKey;
    private final Clock clock;

    private StandardWebhooks(List<SharedSecret> secrets, List<Ed25519Key> publicKeys, Ed25519Key signingKey, Clock clock) {
        this.secrets = secrets;
        this.publicKeys = publicKeys;
        this.signingKey = signingKey;
        this.clock = clock;
    }

    /** A verifier of {@code v1a} (Ed25519) signatures only, by any of {@code publicKeys}. */
    public static StandardWebhooks ofPublicKeys(List<Ed25519Key> publicKeys, Clock clock) {
        requireNonNull(publicKeys, "publicKeys");
        if (publicKeys.isEmpty()) {
            throw AuthException.badKey("webhook public keys: none configured (expected: at least one)");
        }
        return new StandardWebhooks(List.of(), List.copyOf(publicKeys), null, requireNonNull(clock, "clock"));
    }

    /** This signer and verifier, also accepting {@code v1a} signatures by any of {@code keys}. */
    public StandardWebhooks withPublicKeys(List<Ed25519Key> keys) {
        List<Ed25519Key> all = new ArrayList<>(publicKeys);
        all.addAll(requireNonNull(keys, "keys"));
        return new StandardWebhooks(secrets, List.copyOf(all), signingKey, clock);
    }

    /** This signer, adding a {@code v1a} Ed25519 signature made with {@code key} to every delivery it signs. */
    public StandardWebhooks withSigningKey(Ed25519Key key) {
        requireNonNull(key, "key");
        if (!key.canSign()) {
            throw AuthException.badKey("a signing key must be a private key (" + Ed25519Key.PRIVATE_PREFIX + "...)");
        }
        return new StandardWebhooks(secrets, publicKeys, key, clock);
    }

    /** This scheme as a {@link WebhookVerifier}: the delivery id is {@code webhook-id}. */
    public WebhookVerifier verifier() {
        return (headers, pathToken, peerSubject, body) -> {
            VerifiedWebhook verified = verify(headers.get(ID_HEADER), headers.get(TIMESTAMP_HEADER), headers.get(SIGNATURE_HEADER), body);
            return new WebhookVerifier.Delivery(verified.id(), verified.timestamp());
        };
    }

    /**
     * A signer and verifier for one brand.
     *
     * @param secrets the brand's secrets, newest first: {@link #sign} uses the first, {@link #verify} accepts any
     */
    public static StandardWebhooks of(List<SharedSecret> secrets, Clock clock) {
        requireNonNull(secrets, "secrets");
        requireNonNull(clock, "clock");
        if (secrets.isEmpty()) {
            throw AuthException.badSecret("webhook secrets: none configured (expected: at least one)");
        }
        for (SharedSecret secret : secrets) {
            requireNonNull(secret, "secrets[]");
        }
        return new StandardWebhooks(List.copyOf(secrets), List.of(), null, clock);
    }

    /**
     * Checks a delivery's three headers against its raw body.
     *
     * @param id the {@code webhook-id} header, or null if absent
     * @param timestamp the {@code webhook-timestamp} header, or null if absent
     * @param signatures the {@code webhook-signature} header, or null if absent
     * @return the verified id and send time
     * @throws AuthException {@code missing_signature}, {@code stale_timestamp} or {@code bad_signature}
     */
    public VerifiedWebhook verify(String id, String timestamp, String signatures, byte[] body) {
        requireNonNull(body, "body");
        if (isBlank(id) || isBlank(timestamp) || isBlank(signatures)) {
            throw AuthException.missingSignature(
                    "expected the headers " + ID_HEADER + ", " + TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER);
        }
        if (!ID.matcher(id).matches()) {
            throw AuthException.badSignature(ID_HEADER + ": expected 1 to " + MAX_ID_LENGTH + " visible ASCII characters");
        }
        if (!TIMESTAMP.matcher(timestamp).matches()) {
            throw AuthException.badSignature(TIMESTAMP_HEADER + ": expected Unix seconds");
        }
        Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(TOLERANCE)) || sent.isAfter(now.plus(TOLERANCE))) {
            throw AuthException.staleTimestamp(
                    TIMESTAMP_HEADER + ": more than " + TOLERANCE.toMinutes() + " minutes from the server's clock");
        }
        if (signatures.length() > MAX_SIGNATURE_HEADER_LENGTH) {
            throw AuthException.badSignature(SIGNATURE_HEADER + ": longer than " + MAX_SIGNATURE_HEADER_LENGTH + " characters");
        }
        List<byte[]> offered = offeredSignatures(signatures, VERSION);
        byte[] prefix = signedPrefix(id, timestamp);
        boolean matched = false;
        for (SharedSecret secret : secrets) {
            byte[] expected = hmac(secret, prefix, body);
            for (byte[] candidate : offered) {
                // no early exit: every pair is compared, so timing does not tell which secret matched
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        if (!publicKeys.isEmpty()) {
            for (byte[] candidate : offeredSignatures(signatures, ASYMMETRIC)) {
                for (Ed25519Key key : publicKeys) {
                    matched |= key.verify(candidate, prefix, body);
                }
            }
        }
        if (!matched) {
            throw AuthException.badSignature(SIGNATURE_HEADER + ": no v1 or v1a signature matches the brand's secrets or keys");
        }
        return new VerifiedWebhook(id, sent);
    }

    /**
     * The three headers for a delivery of {@code body} under {@code id}, timestamped now and signed
     * with the newest secret.
     */
    public Map<String, String> sign(String id, byte[] body) {
        requireNonNull(id, "id");
        requireNonNull(body, "body");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id: expected 1 to " + MAX_ID_LENGTH + " visible ASCII characters");
        }
        long seconds = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID_HEADER, id);
        headers.put(TIMESTAMP_HEADER, Long.toString(seconds));
        List<String> entries = new ArrayList<>();
        if (!secrets.isEmpty()) {
            entries.add(signature(secrets.get(0), id, seconds, body));
        }
        if (signingKey != null) {
            entries.add(ASYMMETRIC + Base64.getEncoder().encodeToString(signingKey.sign(signedPrefix(id, Long.toString(seconds)), body)));
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException("this verifier holds public keys only: it cannot sign");
        }
        headers.put(SIGNATURE_HEADER, String.join(" ", entries));
        return Map.copyOf(headers);
    }

    /** One {@code v1,<base64>} signature of {@code id.timestampSeconds.body} with {@code secret}. */
    public static String signature(SharedSecret secret, String id, long timestampSeconds, byte[] body) {
        requireNonNull(secret, "secret");
        requireNonNull(id, "id");
        requireNonNull(body, "body");
        return VERSION + Base64.getEncoder().encodeToString(hmac(secret, signedPrefix(id, Long.toString(timestampSeconds)), body));
    }

    private static List<byte[]> offeredSignatures(String header, String version) {
        List<byte[]> offered = new ArrayList<>();
        for (String entry : header.trim().split(" +")) {
            if (offered.size() == MAX_SIGNATURES) {
                break;
            }
            // other versions are skipped, as the spec asks
            if (!entry.startsWith(version)) {
                continue;
            }
            try {
                offered.add(Base64.getDecoder().decode(entry.substring(version.length())));
            } catch (IllegalArgumentException notBase64) {
                // a malformed entry cannot match; the others still may
            }
        }
        return offered;
    }

    /** What precedes the body in the signed content {@code id.timestamp.body}. */
    private static byte[] signedPrefix(String id, String timestamp) {
        return (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    }

    /** The MAC of {@code prefix} then {@code body}, fed in turn so the body (up to the listener's limit) is not copied. */
    private static byte[] hmac(SharedSecret secret, byte[] prefix, byte[] body) {
        return secret.hmac(HMAC, prefix, body);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** A delivery whose signature and timestamp checked out. */
    public record VerifiedWebhook(String id, Instant timestamp) {
        public VerifiedWebhook {
            requireNonNull(id, "id");
            requireNonNull(timestamp, "timestamp");
        }
    }
}
