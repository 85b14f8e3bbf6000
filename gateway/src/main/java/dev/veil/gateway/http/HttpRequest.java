package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request as a handler sees it: fully received, immutable, free of Netty types. Header names are
 * case-insensitive; the body is at most the listener's {@link HttpLimits#maxBodyBytes()}.
 */
public final class HttpRequest {

    private final String listener;
    private final String method;
    private final String path;
    private final String route;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> queryParams;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final InetSocketAddress remoteAddress;
    private final Optional<String> peerSubject;
    private final Map<RequestAttribute<?>, Object> attributes;

    private HttpRequest(Builder b, Map<RequestAttribute<?>, Object> attributes) {
        this.listener = requireNonNull(b.listener, "listener");
        this.method = requireNonNull(b.method, "method");
        this.path = requireNonNull(b.path, "path");
        this.route = requireNonNull(b.route, "route");
        this.pathParams = Map.copyOf(b.pathParams);
        this.queryParams = copyLists(b.queryParams, new TreeMap<>());
        this.headers = copyLists(b.headers, new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
        this.body = b.body;
        this.remoteAddress = requireNonNull(b.remoteAddress, "remoteAddress");
        this.peerSubject = requireNonNull(b.peerSubject, "peerSubject");
        this.attributes = attributes;
    }

    /** {@code request} with other attributes: its maps are immutable already, so they are shared, not copied again. */
    private HttpRequest(HttpRequest request, Map<RequestAttribute<?>, Object> attributes) {
        this.listener = request.listener;
        this.method = request.method;
        this.path = request.path;
        this.route = request.route;
        this.pathParams = request.pathParams;
        this.queryParams = request.queryParams;
        this.headers = request.headers;
        this.body = request.body;
        this.remoteAddress = request.remoteAddress;
        this.peerSubject = request.peerSubject;
        this.attributes = attributes;
    }

    private static Map<String, List<String>> copyLists(Map<String, List<String>> from, TreeMap<String, List<String>> into) {
        from.forEach((k, v) -> into.merge(k, List.copyOf(v), (a, c) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(c);
            return List.copyOf(all);
        }));
        return Collections.unmodifiableMap(into);
    }

    /** A builder, for tests of handlers and decorators; the server builds requests itself. */
    public static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    /** The name of the listener that received the request ({@code public}, {@code admin}). */
    public String listener() {
        return listener;
    }

    /** The method in upper case, e.g. {@code POST}. */
    public String method() {
        return method;
    }

    /** The decoded path, without the query string. May hold values: never log it, log {@link #route()}. */
    public String path() {
        return path;
    }

    /** The route pattern that matched, e.g. {@code /v1/brands/{brand}/tickets}: safe for logs and metrics. */
    public String route() {
        return route;
    }

    /** The decoded path parameters of the route, e.g. {@code brand}. */
    public Map<String, String> pathParams() {
        return pathParams;
    }

    /** The path parameter {@code name}; the route guarantees it exists. */
    public String pathParam(String name) {
        String value = pathParams.get(requireNonNull(name, "name"));
        if (value == null) {
            throw new IllegalArgumentException("pathParam: " + name + " (expected: a parameter of the route " + route + ")");
        }
        return value;
    }

    public Map<String, List<String>> queryParams() {
        return queryParams;
    }

    /** The first value of query parameter {@code name}. */
    public Optional<String> queryParam(String name) {
        List<String> values = queryParams.get(requireNonNull(name, "name"));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** All headers, by case-insensitive name. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of header {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(requireNonNull(name, "name"));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyUtf8() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public int bodyLength() {
        return body.length;
    }

    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The subject of the verified client certificate, on a listener that asks for one. */
    public Optional<String> peerSubject() {
        return peerSubject;
    }

    /** The value a decorator left under {@code key}. */
    public <T> Optional<T> attribute(RequestAttribute<T> key) {
        return Optional.ofNullable(key.cast(attributes.get(requireNonNull(key, "key"))));
    }

    /** This request with {@code value} under {@code key}, for the handlers a decorator wraps. */
    public <T> HttpRequest withAttribute(RequestAttribute<T> key, T value) {
        Map<RequestAttribute<?>, Object> copy = new IdentityHashMap<>(attributes);
        copy.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
        return new HttpRequest(this, Collections.unmodifiableMap(copy));
    }

    @Override
    public String toString() {
        // Never the path, query or body: they may hold personal data.
        return "HttpRequest[" + method + " " + route + ", " + body.length + " bytes]";
    }

    /** Builds an {@link HttpRequest}. */
    public static final class Builder {
        private String listener = "test";
        private final String method;
        private final String path;
        private String route;
        private Map<String, String> pathParams = Map.of();
        private Map<String, List<String>> queryParams = Map.of();
        private Map<String, List<String>> headers = Map.of();
        private byte[] body = new byte[0];
        private InetSocketAddress remoteAddress = new InetSocketAddress("127.0.0.1", 0);
        private Optional<String> peerSubject = Optional.empty();

        private Builder(String method, String path) {
            this.method = requireNonNull(method, "method");
            this.path = requireNonNull(path, "path");
            this.route = path;
        }

        public Builder listener(String listener) {
            this.listener = requireNonNull(listener, "listener");
            return this;
        }

        public Builder route(String route, Map<String, String> pathParams) {
            this.route = requireNonNull(route, "route");
            this.pathParams = requireNonNull(pathParams, "pathParams");
            return this;
        }

        public Builder queryParams(Map<String, List<String>> queryParams) {
            this.queryParams = requireNonNull(queryParams, "queryParams");
            return this;
        }

        public Builder headers(Map<String, List<String>> headers) {
            this.headers = requireNonNull(headers, "headers");
            return this;
        }

        public Builder header(String name, String value) {
            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            copy.putAll(headers);
            copy.merge(requireNonNull(name, "name"), List.of(requireNonNull(value, "value")), (a, c) -> {
                List<String> all = new java.util.ArrayList<>(a);
                all.addAll(c);
                return all;
            });
            this.headers = copy;
            return this;
        }

        /** The body; the array is taken over, not copied. */
        public Builder body(byte[] body) {
            this.body = requireNonNull(body, "body");
            return this;
        }

        public Builder body(String utf8) {
            return body(requireNonNull(utf8, "utf8").getBytes(StandardCharsets.UTF_8));
        }

        public Builder remoteAddress(InetSocketAddress remoteAddress) {
            this.remoteAddress = requireNonNull(remoteAddress, "remoteAddress");
            return this;
        }

        public Builder peerSubject(Optional<String> peerSubject) {
            this.peerSubject = requireNonNull(peerSubject, "peerSubject");
            return this;
        }

        public HttpRequest build() {
            return new HttpRequest(this, Map.of());
        }
    }
}
