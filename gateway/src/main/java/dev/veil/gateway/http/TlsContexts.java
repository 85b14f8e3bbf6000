package dev.veil.gateway.http;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;

/** Builds a listener's server-side TLS context from its PEM files. */
final class TlsContexts {

    private TlsContexts() {}

    static SslContext server(String listener, TlsSettings tls) {
        for (var file : new java.nio.file.Path[] {tls.certificateChain(), tls.privateKey()}) {
            if (!Files.isReadable(file)) {
                throw new ServerException("tls_file_unreadable", "listener " + listener + ": cannot read " + file);
            }
        }
        try {
            SslContextBuilder builder = SslContextBuilder
                    .forServer(tls.certificateChain().toFile(), tls.privateKey().toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2");
            switch (tls.clientAuth()) {
                case NONE -> builder.clientAuth(ClientAuth.NONE);
                case OPTIONAL -> builder.clientAuth(ClientAuth.OPTIONAL).trustManager(tls.clientCa().orElseThrow().toFile());
                case REQUIRE -> builder.clientAuth(ClientAuth.REQUIRE).trustManager(tls.clientCa().orElseThrow().toFile());
            }
            return builder.build();
        } catch (Exception e) {
            // Reported by type only: a parser's message may quote key material.
            throw new ServerException("tls_invalid", "listener " + listener + ": TLS files could not be loaded ("
                    + e.getClass().getSimpleName() + "); expected a PEM certificate chain and a PKCS#8 PEM private key");
        }
    }
}
