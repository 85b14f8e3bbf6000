package dev.veil.gateway.upstream;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Locale;

/** Where calls go: scheme, host and port; one keep-alive pool per event loop and origin. */
public record UpstreamOrigin(String scheme, String host, int port) {

    public UpstreamOrigin {
        requireNonNull(scheme, "scheme");
        requireNonNull(host, "host");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme: " + scheme + " (expected: http or https)");
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("origin: a host and a port 1..65535 (expected: such as https://acme.zendesk.com)");
        }
    }

    /** The origin of an absolute {@code http} or {@code https} URI (default ports 80 and 443). */
    public static UpstreamOrigin of(URI uri) {
        requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new UpstreamOrigin(scheme, host, port);
    }

    public boolean secure() {
        return scheme.equals("https");
    }

    /** The {@code Host} header: the port only when it is not the scheme's default. */
    public String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == (secure() ? 443 : 80) ? h : h + ":" + port;
    }
}
