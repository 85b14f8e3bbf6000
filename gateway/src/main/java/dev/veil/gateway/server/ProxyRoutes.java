package dev.veil.gateway.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.veil.gateway.auth.ExpertAuthenticator;
import dev.veil.gateway.config.BrandConfig;
import dev.veil.gateway.config.ProxyRouteConfig;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.core.GatewayCore;
import dev.veil.gateway.http.HttpException;
import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.http.JsonBodies;
import dev.veil.gateway.http.Routes;
import dev.veil.gateway.intake.crm.CrmAuth;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.engine.EngineLimits;
import dev.veil.policy.engine.PolicyEngine;
import dev.veil.policy.reveal.Revealer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Experts' calls to their brand's CRM API through configured routes ({@code proxy:} of a brand,
 * docs/crm/proxy.md): {@code METHOD /v1/brands/{brand}/proxy/{route}/...}. The expert must hold a
 * claim on a ticket of that brand; only the route's upstream path, the rest of the path and the
 * query go upstream, with the brand's CRM credentials; JSON request bodies are revealed for the
 * {@code crm} audience; the JSON answer is masked by the route's policy view before the expert
 * sees it, and an answer that cannot be read or masked is never passed on.
 */
public final class ProxyRoutes {

    /** How many path segments after the route name an expert may add. */
    public static final int MAX_EXTRA_SEGMENTS = 8;
    /** The route's name is not configured for the brand. */
    public static final String UNKNOWN_ROUTE = "proxy_route_unknown";
    /** The expert holds no claim on a ticket of the brand. */
    public static final String NO_CLAIM = "proxy_no_claim";
    /** The upstream did not answer in time. */
    public static final String TIMEOUT = "upstream_timeout";
    /** The upstream could not be reached, or answered 5xx. */
    public static final String UNAVAILABLE = "upstream_unavailable";
    /** The upstream's answer could not be read or masked. */
    public static final String INVALID = "upstream_invalid";
    /** The upstream's answer was over the route's limit. */
    public static final String TOO_LARGE = "upstream_too_large";

    private static final String CRM = "crm";

    private final Map<String, BrandConfig> brands;
    private final GatewayCore core;
    private final CrmConnectors connectors;
    private final HttpClient client;
    private final PolicyEngine engine;
    private final JsonBodies bodies;

    private ProxyRoutes(Map<String, BrandConfig> brands, GatewayCore core, CrmConnectors connectors, HttpClient client, EngineLimits limits) {
        this.brands = brands;
        this.core = core;
        this.connectors = connectors;
        this.client = client;
        this.engine = PolicyEngine.of(limits);
        this.bodies = JsonBodies.of(limits.maxDepth(), limits.maxStringLength());
    }

    /** The proxy routes, each authenticated by {@code authenticator}; calls go out on {@code client} (pooled connections). */
    public static Routes of(VeilConfig config, GatewayCore core, CrmConnectors connectors, HttpClient client, ExpertAuthenticator authenticator) {
        requireNonNull(config, "config");
        // each route limits its answers (at most 64 MiB) as they are read; the engine takes any of them
        EngineLimits limits = new EngineLimits(64 << 20, config.limits().maxJsonDepth(), config.limits().maxStringLength());
        ProxyRoutes routes = new ProxyRoutes(config.brands(), requireNonNull(core, "core"), requireNonNull(connectors, "connectors"),
                requireNonNull(client, "client"), limits);
        Routes.Builder plain = Routes.builder();
        if (config.brands().values().stream().anyMatch(b -> !b.proxy().isEmpty())) {
            StringBuilder pattern = new StringBuilder("/v1/brands/{brand}/proxy/{route}");
            for (int depth = 0; depth <= MAX_EXTRA_SEGMENTS; depth++) {
                if (depth > 0) {
                    pattern.append("/{s").append(depth).append('}');
                }
                for (String method : new java.util.TreeSet<>(ProxyRouteConfig.METHODS)) {
                    plain.add(method, pattern.toString(), routes::handle);
                }
            }
        }
        return Routes.builder().addAll(plain.build(), Principals.experts(requireNonNull(authenticator, "authenticator"))).build();
    }

    private HttpResponse handle(HttpRequest request) {
        String brand = request.pathParam("brand");
        BrandConfig config = brands.get(brand);
        Optional<ProxyRouteConfig> found = config == null ? Optional.empty() : config.proxyRoute(request.pathParam("route"));
        if (found.isEmpty() || !found.get().methods().contains(request.method())) {
            throw new HttpException(404, UNKNOWN_ROUTE, "no proxy route of this name and method for the brand");
        }
        ProxyRouteConfig route = found.get();
        String expert = Principals.expert(request);
        // an expert reaches a brand's CRM only while working one of its tickets
        if (core.experts().held(expert).stream().noneMatch(c -> c.brand().equals(brand))) {
            throw new HttpException(403, NO_CLAIM, "the expert holds no claim on a ticket of the brand");
        }
        CrmAuth auth = connectors.get(brand).flatMap(CrmConnectors.Connector::api).orElseThrow().auth();
        CompiledPolicy policy = core.brands().require(brand).policy().get();
        byte[] body = request.bodyLength() == 0 ? null : revealed(policy, bodies.read(request));
        String path = upstreamPath(route, request);
        if (route.stream()) {
            // decided before any answer byte is read: no policy touches it, so it is never buffered
            return ProxyCall.stream(client, auth, request.method(), path, body, route);
        }
        ProxyResponse answer = ProxyCall.send(client, auth, request.method(), path, body, route);
        if (answer.status() >= 500) {
            throw new HttpException(502, UNAVAILABLE, "the CRM API answered " + answer.status());
        }
        if (answer.body().length == 0) {
            return HttpResponse.of(answer.status(), "application/json", new byte[0]);
        }
        String masked;
        try {
            JsonNode raw = engine.parse(answer.body());
            masked = engine.write(engine.apply(policy, route.view().orElse(null), raw).document());
        } catch (RuntimeException e) {
            // not JSON, too deep, an unknown view, the vault down: never pass the answer on unmasked
            throw new HttpException(502, INVALID, "the CRM API's answer could not be read or masked (" + e.getClass().getSimpleName() + ")");
        }
        return HttpResponse.json(answer.status(), masked.getBytes(StandardCharsets.UTF_8));
    }

    /** The body with each token in its strings revealed as the policy allows the {@code crm} audience. */
    private static byte[] revealed(CompiledPolicy policy, JsonNode body) {
        if (policy.audiences().contains(CRM)) {
            Revealer revealer = Revealer.of(policy);
            body = reveal(revealer, body);
        }
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written");
        }
    }

    private static JsonNode reveal(Revealer revealer, JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(dev.veil.gateway.core.PolicyFailures.run(() -> revealer.revealText(CRM, node.textValue())).text());
        }
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), reveal(revealer, e.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(item -> out.add(reveal(revealer, item)));
            return out;
        }
        return node;
    }

    /** The route's upstream path, then the expert's further segments and query, each re-encoded. */
    static String upstreamPath(ProxyRouteConfig route, HttpRequest request) {
        StringBuilder path = new StringBuilder(route.upstream());
        for (int i = 1; i <= MAX_EXTRA_SEGMENTS; i++) {
            String segment = request.pathParams().get("s" + i);
            if (segment == null) {
                break;
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw HttpException.badRequest("invalid_path", "a dot segment in a proxy path (expected: plain segments)");
            }
            if (path.charAt(path.length() - 1) != '/') {
                path.append('/');
            }
            path.append(encode(segment));
        }
        String sep = "?";
        for (Map.Entry<String, List<String>> q : request.queryParams().entrySet()) {
            for (String value : q.getValue()) {
                path.append(sep).append(encode(q.getKey())).append('=').append(encode(value));
                sep = "&";
            }
        }
        return path.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An upstream answer, its body read up to the route's limit. */
    record ProxyResponse(int status, byte[] body) {}

    /** One upstream call with the brand's credentials; a 401 renews the session once (expired OAuth tokens). */
    static final class ProxyCall {
        private ProxyCall() {}

        static ProxyResponse send(HttpClient client, CrmAuth auth, String method, String path, byte[] body, ProxyRouteConfig route) {
            ProxyResponse response = once(client, auth.session(false), method, path, body, route);
            return response.status() == 401 ? once(client, auth.session(true), method, path, body, route) : response;
        }

        /** A call whose answer is copied to the expert as it arrives (only its status and content type are kept). */
        static HttpResponse stream(HttpClient client, CrmAuth auth, String method, String path, byte[] body, ProxyRouteConfig route) {
            java.net.http.HttpResponse<InputStream> response = exchange(client, auth.session(false), method, path, body, route);
            if (response.statusCode() == 401) {
                discard(response);
                response = exchange(client, auth.session(true), method, path, body, route);
            }
            if (response.statusCode() >= 500) {
                discard(response);
                throw new HttpException(502, UNAVAILABLE, "the CRM API answered " + response.statusCode());
            }
            String type = response.headers().firstValue("Content-Type").filter(t -> t.matches("[\\x20-\\x7e]{1,200}"))
                    .orElse("application/octet-stream");
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            return HttpResponse.streamed(response.statusCode(), type, length, response.body());
        }

        private static void discard(java.net.http.HttpResponse<InputStream> response) {
            try (InputStream in = response.body()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the connection is dropped instead of reused
            }
        }

        private static java.net.http.HttpResponse<InputStream> exchange(HttpClient client, CrmAuth.Session session, String method, String path,
                byte[] body, ProxyRouteConfig route) {
            try {
                return client.send(request(session, method, path, body, route), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                throw new HttpException(504, TIMEOUT, "the CRM API did not answer within " + route.timeout().toMillis() + " ms");
            } catch (IOException e) {
                throw new HttpException(502, UNAVAILABLE, "the CRM API could not be reached (" + e.getClass().getSimpleName() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpException(502, UNAVAILABLE, "interrupted while calling the CRM API");
            }
        }

        private static java.net.http.HttpRequest request(CrmAuth.Session session, String method, String path, byte[] body,
                ProxyRouteConfig route) {
            URI base = session.base();
            String prefix = base.getRawPath() == null || base.getRawPath().equals("/") ? "" : base.getRawPath().replaceAll("/+$", "");
            URI uri = URI.create(base.getScheme() + "://" + base.getRawAuthority() + prefix + path);
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri).timeout(route.timeout())
                    .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                            : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
            if (!route.stream()) {
                request.header("Accept", "application/json");
            }
            if (!session.authorization().isEmpty()) {
                request.header("Authorization", session.authorization());
            }
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            return request.build();
        }

        private static ProxyResponse once(HttpClient client, CrmAuth.Session session, String method, String path, byte[] body,
                ProxyRouteConfig route) {
            java.net.http.HttpResponse<InputStream> response = exchange(client, session, method, path, body, route);
            try (InputStream in = response.body()) {
                int max = (int) route.maxResponseBytes();
                byte[] bytes = in.readNBytes(max + 1); // never more than the limit in memory
                if (bytes.length > max) {
                    throw new HttpException(502, TOO_LARGE, "the CRM API answered with more than " + max + " bytes");
                }
                return new ProxyResponse(response.statusCode(), bytes);
            } catch (IOException e) {
                throw new HttpException(502, UNAVAILABLE, "the CRM API could not be reached (" + e.getClass().getSimpleName() + ")");
            }
        }
    }
}
