package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/** TLS of one listener: PEM certificate chain and key, and optionally the CA that client certificates must chain to. */
public record TlsConfig(Path cert, Path key, Optional<Path> clientCa, ClientAuth clientAuth) {

    /** Whether a client certificate is asked for. */
    public enum ClientAuth { NONE, OPTIONAL, REQUIRE }

    public TlsConfig {
        requireNonNull(cert, "cert");
        requireNonNull(key, "key");
        requireNonNull(clientCa, "clientCa");
        requireNonNull(clientAuth, "clientAuth");
        if (clientAuth != ClientAuth.NONE && clientCa.isEmpty()) {
            throw new IllegalArgumentException("clientAuth: " + clientAuth + " (expected: none without clientCa)");
        }
    }
}
