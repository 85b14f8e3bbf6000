package dev.veil.gateway.server;

import dev.veil.gateway.auth.JwksSettings;
import dev.veil.gateway.auth.JwtVerifier;
import dev.veil.gateway.auth.VerificationKeys;
import dev.veil.gateway.config.IdentityConfig;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The expert JWT verifier {@code identity:} in {@code veil.yaml} describes: a JWKS URL, or static public keys. */
final class IdentityVerifiers {

    private IdentityVerifiers() {}

    static JwtVerifier of(IdentityConfig identity, Clock clock) {
        JwtVerifier.Builder builder = JwtVerifier.builder().issuer(identity.issuer()).audience(identity.audience()).clock(clock);
        if (identity.jwksUrl().isPresent()) {
            return builder.jwks(JwksSettings.of(identity.jwksUrl().get()).withCacheTtl(identity.jwksCacheTtl())).build();
        }
        List<JWK> keys = new ArrayList<>();
        for (Path file : identity.keys()) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new StartupException("identity_key_unreadable", "identity key file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
            }
            JWKSet set = text.trim().startsWith("{") ? VerificationKeys.fromJson(text) : VerificationKeys.fromPem(text);
            keys.addAll(set.getKeys());
        }
        return builder.staticKeys(new JWKSet(keys)).build();
    }
}
