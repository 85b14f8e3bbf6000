package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Who may call the admin API: a bearer token stored only as its SHA-256 (hex), and/or JWTs from
 * the expert identity provider that carry {@code adminScope} in their {@code scope} claim. With
 * neither, every admin call is refused.
 */
public record AdminConfig(Optional<String> tokenSha256, Optional<String> adminScope) {

    /** No admin access. */
    public static final AdminConfig NONE = new AdminConfig(Optional.empty(), Optional.empty());

    public AdminConfig {
        requireNonNull(tokenSha256, "tokenSha256");
        requireNonNull(adminScope, "adminScope");
        tokenSha256.ifPresent(hex -> {
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("tokenSha256: (expected: 64 lower-case hex digits)");
            }
        });
    }

    /** Whether {@code bearer} is the admin token: its SHA-256 compared in constant time. */
    public boolean acceptsToken(String bearer) {
        requireNonNull(bearer, "bearer");
        if (tokenSha256.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sha256(bearer), HexFormat.of().parseHex(tokenSha256.get()));
    }

    /** The hex SHA-256 of {@code token}, as {@code admin.tokenSha256} stores it. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
