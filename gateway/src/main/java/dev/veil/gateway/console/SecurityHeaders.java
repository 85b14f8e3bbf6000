package dev.veil.gateway.console;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.http.HttpResponse;
import java.net.URI;
import java.util.Optional;

/**
 * The headers every console response carries: a strict Content-Security-Policy (scripts and styles
 * from this origin only, no inline code, no framing, network calls to this origin and at most the
 * identity provider's token endpoint), no sniffing, no referrer, and HSTS behind TLS.
 */
public final class SecurityHeaders {

    private final String csp;
    private final boolean tls;

    private SecurityHeaders(String csp, boolean tls) {
        this.csp = csp;
        this.tls = tls;
    }

    /** Headers for a listener; {@code tokenUrl} is the OIDC token endpoint the browser posts the code to, if any. */
    public static SecurityHeaders of(Optional<URI> tokenUrl, boolean tls) {
        requireNonNull(tokenUrl, "tokenUrl");
        String connect = "'self'" + tokenUrl.map(u -> " " + origin(u)).orElse("");
        String csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src " + connect
                + "; manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        return new SecurityHeaders(csp, tls);
    }

    /** The policy, for tests and documentation. */
    public String contentSecurityPolicy() {
        return csp;
    }

    HttpResponse apply(HttpResponse response) {
        HttpResponse out = response
                .withHeader("Content-Security-Policy", csp)
                .withHeader("X-Frame-Options", "DENY")
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Referrer-Policy", "no-referrer")
                .withHeader("Cross-Origin-Opener-Policy", "same-origin")
                .withHeader("Cross-Origin-Resource-Policy", "same-origin")
                .withHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        return tls ? out.withHeader("Strict-Transport-Security", "max-age=31536000") : out;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
