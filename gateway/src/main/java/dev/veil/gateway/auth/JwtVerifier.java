package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies bearer JWTs with Nimbus JOSE+JWT: only RS256, ES256 and EdDSA (Ed25519) signatures, keys
 * from a cached JWKS URL or from static keys, and {@code exp}, {@code nbf}, {@code iss},
 * {@code aud} and {@code sub} all required and checked against an injected clock.
 *
 * <p>Fails closed: a token is accepted only after a key of the token's algorithm and {@code kid}
 * has verified it; when the key set cannot be fetched the answer is {@code identity_unavailable},
 * never acceptance. Keys embedded in the token ({@code jwk}, {@code jku}, {@code x5u}) are ignored.
 *
 * <p>A token's signature is checked once: which key verified it is remembered by the token's
 * SHA-256 (never the token itself), so a client sending the same token again costs a parse and
 * the claims checks, which run every time, not the signature's arithmetic (70 % of an expert read's
 * CPU with ES256). The remembered key counts only while the current key set still offers it for
 * the token, so a key rotated out of the JWKS stops verifying at once.
 */
public final class JwtVerifier {

    /** The only signature algorithms accepted; HMAC and {@code none} never are. */
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);

    static final int MAX_SUBJECT_LENGTH = 256;
    static final int MAX_SCOPES = 64;
    private static final int MAX_CANDIDATE_KEYS = 8;
    /** Tokens whose verifying key is remembered; past it the memory starts again (bounded, no eviction order to keep). */
    static final int MAX_REMEMBERED = 10_000;

    private final JWKSource<SecurityContext> keys;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final Duration clockSkew;
    private final int maxTokenBytes;
    /** SHA-256 of a token whose signature verified, and the key that verified it. */
    private final Map<String, JWK> verifiedKeys = new ConcurrentHashMap<>();

    private JwtVerifier(Builder b) {
        this.keys = b.keys;
        this.issuer = b.issuer;
        this.audience = b.audience;
        this.clock = b.clock;
        this.clockSkew = b.clockSkew;
        this.maxTokenBytes = b.maxTokenBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The verified content of {@code token} (the compact JWT, without {@code Bearer}).
     *
     * @throws AuthException {@code missing_token}, {@code invalid_token} (401) or {@code identity_unavailable} (503)
     */
    public VerifiedToken verify(String token) {
        if (token == null || token.isBlank()) {
            throw AuthException.missingToken("expected a bearer token");
        }
        if (token.length() > maxTokenBytes) {
            throw AuthException.invalidToken("token: longer than " + maxTokenBytes + " characters");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw AuthException.invalidToken("token: not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm alg = header.getAlgorithm();
        if (!ALGORITHMS.contains(alg)) {
            throw AuthException.invalidToken("token: algorithm not accepted (expected: RS256, ES256 or EdDSA)");
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw AuthException.invalidToken("token: critical header parameters are not supported");
        }
        List<JWK> candidates = candidateKeys(header);
        String digest = digest(token);
        JWK known = verifiedKeys.get(digest);
        if (known == null || !candidates.contains(known)) {
            JWK key = verifyingKey(jwt, candidates);
            if (key == null) {
                throw AuthException.invalidToken("token: bad signature");
            }
            if (verifiedKeys.size() >= MAX_REMEMBERED) {
                verifiedKeys.clear();
            }
            verifiedKeys.put(digest, key);
        }
        return checkedClaims(jwt);
    }

    private List<JWK> candidateKeys(JWSHeader header) {
        JWSAlgorithm alg = header.getAlgorithm();
        JWKMatcher.Builder matcher = new JWKMatcher.Builder()
                .keyUses(KeyUse.SIGNATURE, null)
                .algorithms(alg, null);
        if (JWSAlgorithm.RS256.equals(alg)) {
            matcher.keyType(KeyType.RSA);
        } else if (JWSAlgorithm.ES256.equals(alg)) {
            matcher.keyType(KeyType.EC).curve(Curve.P_256);
        } else {
            matcher.keyType(KeyType.OKP).curve(Curve.Ed25519);
        }
        if (header.getKeyID() != null) {
            matcher.keyID(header.getKeyID());
        }
        List<JWK> found;
        try {
            found = keys.get(new JWKSelector(matcher.build()), null);
        } catch (RateLimitReachedException e) {
            // the key set was fetched moments ago and lacked this kid: an unknown key, not an outage
            throw AuthException.invalidToken("token: no key with its kid");
        } catch (KeySourceException e) {
            throw AuthException.identityUnavailable("the identity provider's keys cannot be fetched");
        }
        if (found.isEmpty()) {
            throw AuthException.invalidToken("token: no key with its kid");
        }
        return found.size() > MAX_CANDIDATE_KEYS ? found.subList(0, MAX_CANDIDATE_KEYS) : found;
    }

    /** The candidate key whose signature check the token passes, or null. */
    private static JWK verifyingKey(SignedJWT jwt, List<JWK> candidates) {
        for (JWK key : candidates) {
            try {
                if (verifiedBy(jwt, VerificationKeys.checked(key))) {
                    return key;
                }
            } catch (AuthException | JOSEException | GeneralSecurityException e) {
                // an unusable or too weak key verifies nothing; the next one may
            }
        }
        return null;
    }

    private static String digest(String token) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK");
        }
    }

    private static boolean verifiedBy(SignedJWT jwt, JWK key) throws JOSEException, GeneralSecurityException {
        if (key instanceof RSAKey rsa) {
            return jwt.verify(new RSASSAVerifier(rsa));
        }
        if (key instanceof ECKey ec) {
            return jwt.verify(new ECDSAVerifier(ec));
        }
        if (key instanceof OctetKeyPair okp) {
            // the JDK's own Ed25519, so no Tink dependency is needed
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(VerificationKeys.ed25519PublicKey(okp));
            ed.update(jwt.getSigningInput());
            return ed.verify(jwt.getSignature().decode());
        }
        return false;
    }

    private VerifiedToken checkedClaims(SignedJWT jwt) {
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw AuthException.invalidToken("token: claims are not a JSON object");
        }
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        String sub = claims.getSubject();
        if (exp == null || nbf == null || claims.getIssuer() == null || claims.getAudience().isEmpty() || sub == null) {
            throw AuthException.invalidToken("token: expected the claims exp, nbf, iss, aud and sub");
        }
        Instant now = clock.instant();
        if (now.isAfter(exp.toInstant().plus(clockSkew))) {
            throw AuthException.invalidToken("token: expired");
        }
        if (now.isBefore(nbf.toInstant().minus(clockSkew))) {
            throw AuthException.invalidToken("token: not valid yet (nbf)");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw AuthException.invalidToken("token: issuer not accepted");
        }
        if (!claims.getAudience().contains(audience)) {
            throw AuthException.invalidToken("token: audience not accepted");
        }
        if (sub.isEmpty() || sub.length() > MAX_SUBJECT_LENGTH || sub.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw AuthException.invalidToken("token: sub must be 1 to " + MAX_SUBJECT_LENGTH + " characters without control characters");
        }
        return new VerifiedToken(sub, scopes(claims), exp.toInstant());
    }

    /** Scopes from {@code scope} (space-separated, RFC 8693) or {@code scp} (a list or a string). */
    private static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> scopes = new LinkedHashSet<>();
        Object scope = claims.getClaim("scope");
        Object scp = claims.getClaim("scp");
        for (Object raw : new Object[] {scope, scp}) {
            if (raw instanceof String s) {
                for (String part : s.trim().split(" +")) {
                    if (!part.isEmpty()) {
                        scopes.add(part);
                    }
                }
            } else if (raw instanceof List<?> list) {
                for (Object part : list) {
                    if (part instanceof String s && !s.isEmpty()) {
                        scopes.add(s);
                    }
                }
            } else if (raw != null) {
                throw AuthException.invalidToken("token: scope must be a string or a list of strings");
            }
        }
        if (scopes.size() > MAX_SCOPES) {
            throw AuthException.invalidToken("token: more than " + MAX_SCOPES + " scopes");
        }
        return scopes;
    }

    /** Configures a {@link JwtVerifier}; issuer, audience and one key source are required. */
    public static final class Builder {

        private JWKSource<SecurityContext> keys;
        private String issuer;
        private String audience;
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = Duration.ofSeconds(60);
        private int maxTokenBytes = 8192;

        private Builder() {}

        /** The only accepted {@code iss}. */
        public Builder issuer(String issuer) {
            this.issuer = requireNonNull(issuer, "issuer");
            return this;
        }

        /** The value {@code aud} must contain. */
        public Builder audience(String audience) {
            this.audience = requireNonNull(audience, "audience");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /** How much {@code exp} and {@code nbf} may be off; 60 seconds unless set, at most 5 minutes. */
        public Builder clockSkew(Duration skew) {
            requireNonNull(skew, "skew");
            if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("clockSkew: " + skew + " (expected: 0 to PT5M)");
            }
            this.clockSkew = skew;
            return this;
        }

        /** The longest token read at all; 8192 characters unless set. */
        public Builder maxTokenBytes(int max) {
            if (max < 256) {
                throw new IllegalArgumentException("maxTokenBytes: " + max + " (expected: >= 256)");
            }
            this.maxTokenBytes = max;
            return this;
        }

        /** Keys fetched from a JWKS URL, cached and refreshed as {@code settings} say. */
        public Builder jwks(JwksSettings settings) {
            requireNonNull(settings, "settings");
            DefaultResourceRetriever retriever = new DefaultResourceRetriever(
                    Math.toIntExact(settings.connectTimeout().toMillis()),
                    Math.toIntExact(settings.readTimeout().toMillis()),
                    settings.maxBytes());
            try {
                this.keys = JWKSourceBuilder.<SecurityContext>create(settings.url().toURL(), retriever)
                        .cache(settings.cacheTtl().toMillis(), settings.refreshTimeout().toMillis())
                        .rateLimited(settings.minRefreshInterval().toMillis())
                        .refreshAheadCache(false)
                        .retrying(false)
                        .outageTolerant(false)
                        .build();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("jwks url: not a URL", e);
            }
            return this;
        }

        /** Fixed keys, for example from {@link VerificationKeys#fromPem} or {@link VerificationKeys#fromJson}. */
        public Builder staticKeys(JWKSet set) {
            requireNonNull(set, "set");
            if (set.getKeys().isEmpty()) {
                throw AuthException.badKey("static keys: none (expected: at least one)");
            }
            for (JWK key : set.getKeys()) {
                VerificationKeys.checked(key);
            }
            this.keys = new ImmutableJWKSet<>(set.toPublicJWKSet());
            return this;
        }

        public JwtVerifier build() {
            if (keys == null) {
                throw new IllegalStateException("keys: expected jwks(...) or staticKeys(...)");
            }
            if (issuer == null || issuer.isEmpty()) {
                throw new IllegalStateException("issuer: expected a non-empty value");
            }
            if (audience == null || audience.isEmpty()) {
                throw new IllegalStateException("audience: expected a non-empty value");
            }
            return new JwtVerifier(this);
        }
    }
}
