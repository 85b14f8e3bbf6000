package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS for a listener, from PEM files: the certificate chain (leaf first), its PKCS#8 private key and,
 * when clients must or may present certificates, the CA that signs them.
 */
public record TlsSettings(Path certificateChain, Path privateKey, ClientAuth clientAuth, Optional<Path> clientCa) {

    /** Whether the listener asks connecting clients for a certificate. */
    public enum ClientAuth {
        /** Clients are not asked for a certificate. */
        NONE,
        /** Clients may present a certificate signed by the client CA; others still connect. */
        OPTIONAL,
        /** Only clients presenting a certificate signed by the client CA complete the handshake. */
        REQUIRE
    }

    public TlsSettings {
        requireNonNull(certificateChain, "certificateChain");
        requireNonNull(privateKey, "privateKey");
        requireNonNull(clientAuth, "clientAuth");
        requireNonNull(clientCa, "clientCa");
        if (clientAuth != ClientAuth.NONE && clientCa.isEmpty()) {
            throw new IllegalArgumentException("clientCa: missing (expected: a CA PEM file when clientAuth is " + clientAuth + ")");
        }
    }

    /** Server-side TLS without client certificates. */
    public static TlsSettings of(Path certificateChain, Path privateKey) {
        return new TlsSettings(certificateChain, privateKey, ClientAuth.NONE, Optional.empty());
    }

    /** The same server certificate, asking clients for certificates signed by {@code clientCa}. */
    public TlsSettings withClientAuth(ClientAuth auth, Path clientCa) {
        return new TlsSettings(certificateChain, privateKey, auth, Optional.of(requireNonNull(clientCa, "clientCa")));
    }
}
