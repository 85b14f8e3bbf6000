package dev.veil.gateway.ops;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.error.SafeErrors;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One typed fact in a {@link JsonLog} line: a count, a flag, a duration, a port, an address, a
 * path, a URL without query or credentials, a code from a closed set, or an error described by
 * {@link SafeErrors}. There is deliberately no free-text field.
 */
public final class LogField {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    private final String name;
    private final Object value;

    private LogField(String name, Object value) {
        requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: expected snake_case of at most 32 characters");
        }
        this.name = name;
        this.value = value;
    }

    String name() {
        return name;
    }

    /** A {@link Long}, {@link Boolean} or {@link String}, already made safe. */
    Object value() {
        return value;
    }

    public static LogField count(String name, long n) {
        return new LogField(name, n);
    }

    public static LogField flag(String name, boolean b) {
        return new LogField(name, b);
    }

    /** A duration, written in milliseconds. */
    public static LogField millis(String name, Duration d) {
        return new LogField(name, requireNonNull(d, "d").toMillis());
    }

    public static LogField port(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
        }
        return new LogField(name, (long) port);
    }

    /** A listening address, as {@code host:port}. */
    public static LogField address(String name, InetSocketAddress address) {
        requireNonNull(address, "address");
        return new LogField(name, address.getHostString() + ":" + address.getPort());
    }

    /** A file or directory of Veil's own (config, data dir), never one named by a request. */
    public static LogField path(String name, Path path) {
        return new LogField(name, requireNonNull(path, "path").toString());
    }

    /** A URL of Veil's own (where it listens, a JWKS): scheme, host, port and path only. */
    public static LogField url(String name, URI uri) {
        requireNonNull(uri, "uri");
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return new LogField(name, uri.getScheme() + "://" + uri.getHost() + port + path);
    }

    /**
     * A value from a closed set, such as a mode ({@code dev}) or a brand id from the configuration.
     *
     * @throws IllegalArgumentException if it is not lower case letters, digits and {@code _ . -}
     */
    public static LogField code(String name, String code) {
        requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(name + ": expected lower case letters, digits, _ . - (at most 64)");
        }
        return new LogField(name, code);
    }

    /** A failure, by its safe code and detail ({@link SafeErrors#describe}): the fields {@code error} and {@code error_detail}. */
    static LogField[] error(Throwable failure) {
        SafeErrors.SafeError safe = SafeErrors.describe(requireNonNull(failure, "failure"));
        return new LogField[] {new LogField("error", safe.code()), new LogField("error_detail", safe.detail())};
    }
}
