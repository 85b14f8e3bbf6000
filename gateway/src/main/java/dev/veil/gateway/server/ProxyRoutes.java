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
import dev.veil.gateway.core.GatewayException;
import dev.veil.gateway.core.JsonTrees;
import dev.veil.gateway.expert.ExpertService;
import dev.veil.gateway.http.HttpException;
import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.http.JsonBodies;
import dev.veil.gateway.http.ResponseSink;
import dev.veil.gateway.http.Routes;
import dev.veil.gateway.intake.Audit;
import dev.veil.gateway.intake.crm.CrmAuth;
import dev.veil.gateway.ops.ProxyMetrics;
import dev.veil.gateway.routing.model.Claim;
import dev.veil.gateway.upstream.StreamRelay;
import dev.veil.gateway.upstream.UpstreamClient;
import dev.veil.gateway.upstream.UpstreamException;
import dev.veil.gateway.upstream.UpstreamOrigin;
import dev.veil.gateway.upstream.UpstreamRequest;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.engine.EngineLimits;
import dev.veil.policy.engine.PolicyEngine;
import dev.veil.policy.reveal.RevealedText;
import dev.veil.policy.reveal.Revealer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
    public static final String TIMEOUT = UpstreamException.TIMEOUT;
    /** The upstream could not be reached, or answered 5xx. */
    public static final String UNAVAILABLE = UpstreamException.UNAVAILABLE;
    /** The upstream's answer could not be read or masked. */
    public static final String INVALID = "upstream_invalid";
    /** The upstream's answer was over the route's limit. */
    public static final String TOO_LARGE = UpstreamException.TOO_LARGE;

    private static final String CRM = "crm";
    /** A CRM header value passed on with a streamed answer (only its content type and encoding are). */
    private static final java.util.regex.Pattern HEADER_VALUE = java.util.regex.Pattern.compile("[\\x20-\\x7e]{1,200}");

    private final Map<String, BrandConfig> brands;
    private final GatewayCore core;
    private final CrmConnectors connectors;
    private final UpstreamClient client;
    private final ProxyMetrics metrics;
    private final PolicyEngine engine;
    private final JsonBodies bodies;
    private final java.time.Clock clock;

    private ProxyRoutes(Map<String, BrandConfig> brands, GatewayCore core, CrmConnectors connectors, UpstreamClient client,
            ProxyMetrics metrics, EngineLimits limits, java.time.Clock clock) {
        this.clock = clock;
        this.brands = brands;
        this.core = core;
        this.connectors = connectors;
        this.client = client;
        this.metrics = metrics;
        this.engine = PolicyEngine.of(limits);
        this.bodies = JsonBodies.of(limits.maxDepth(), limits.maxStringLength());
    }

    /**
     * The proxy routes, each authenticated by {@code authenticator}; calls go out on {@code client}
     * from the expert connection's own event loop, and are counted in {@code metrics}; audit events are stamped by {@code clock}.
     */
    public static Routes of(VeilConfig config, GatewayCore core, CrmConnectors connectors, UpstreamClient client, ProxyMetrics metrics,
            ExpertAuthenticator authenticator, java.time.Clock clock) {
        requireNonNull(config, "config");
        // each route limits its answers (at most 64 MiB) as they are read; the engine takes any of them
        EngineLimits limits = new EngineLimits(64 << 20, config.limits().maxJsonDepth(), config.limits().maxStringLength());
        ProxyRoutes routes = new ProxyRoutes(config.brands(), requireNonNull(core, "core"), requireNonNull(connectors, "connectors"),
                requireNonNull(client, "client"), requireNonNull(metrics, "metrics"), limits,
                requireNonNull(clock, "clock"));
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
        try {
            String expert = Principals.expert(request);
            // an expert reaches a brand's CRM only while working one of its tickets
            Optional<Claim> claim = core.experts().held(expert).stream().filter(c -> c.brand().equals(brand)).findFirst();
            if (claim.isEmpty()) {
                throw new HttpException(403, NO_CLAIM, "the expert holds no claim on a ticket of the brand");
            }
            CrmAuth auth = connectors.get(brand).flatMap(CrmConnectors.Connector::api).orElseThrow().auth();
            CompiledPolicy policy = core.brands().require(brand).policy().get();
            byte[] body = request.bodyLength() == 0 ? null : revealed(policy, bodies.read(request), expert, claim.get());
            String path = upstreamPath(route, request);
            CrmAuth.Session session = auth.session(false); // on this worker: a Salesforce session may need an OAuth call
            Call call = new Call(brand, route, auth, request.method(), path, body, policy, session);
            return HttpResponse.relayed(call::start);
        } catch (RuntimeException e) {
            metrics.request(brand, route.name(), ProxyMetrics.REFUSED);
            throw e;
        }
    }

    /**
     * One proxy call on the expert connection's event loop: sent upstream there, its answer either
     * relayed as it arrives (stream routes) or collected up to the route's limit and masked on a
     * worker (the policy engine may call the vault), then written back on the loop.
     */
    private final class Call {
        private final String brand;
        private final ProxyRouteConfig route;
        private final CrmAuth auth;
        private final String method;
        private final String path;
        private final byte[] body;
        private final CompiledPolicy policy;
        private CrmAuth.Session session;
        private boolean renewed;
        private ResponseSink sink;
        private long sentNanos;

        Call(String brand, ProxyRouteConfig route, CrmAuth auth, String method, String path, byte[] body, CompiledPolicy policy,
                CrmAuth.Session session) {
            this.brand = brand;
            this.route = route;
            this.auth = auth;
            this.method = method;
            this.path = path;
            this.body = body;
            this.policy = policy;
            this.session = session;
        }

        void start(ResponseSink sink) {
            this.sink = sink;
            send();
        }

        private void send() {
            UpstreamRequest request;
            try {
                request = request();
            } catch (RuntimeException e) {
                // a renewed session naming a base URL calls cannot go to (a Salesforce instance URL, say)
                failed(new HttpException(502, UNAVAILABLE, "the CRM API's base URL cannot be called (" + e.getClass().getSimpleName() + ")"));
                return;
            }
            sentNanos = System.nanoTime();
            if (route.stream()) {
                client.send(sink.eventLoop(), request, StreamRelay.to(sink, this::passHead, this::streamEnded, this::failed));
            } else {
                client.buffered(sink.eventLoop(), request, (int) route.maxResponseBytes()).whenComplete(this::answered);
            }
        }

        private UpstreamRequest request() {
            URI base = session.base();
            String prefix = base.getRawPath() == null || base.getRawPath().equals("/") ? "" : base.getRawPath().replaceAll("/+$", "");
            Map<String, String> headers = new LinkedHashMap<>();
            if (!route.stream()) {
                headers.put("Accept", "application/json");
            }
            if (!session.authorization().isEmpty()) {
                headers.put("Authorization", session.authorization());
            }
            if (body != null) {
                headers.put("Content-Type", "application/json");
            }
            return new UpstreamRequest(UpstreamOrigin.of(base), method, prefix + path, headers, body, route.timeout());
        }

        /** A 401 renews the brand's session once (expired OAuth tokens), on a worker, then sends again from the loop. */
        private boolean renewing(int status) {
            if (status != 401 || renewed) {
                return false;
            }
            renewed = true;
            try {
                sink.workers().execute(() -> {
                    try {
                        session = auth.session(true);
                    } catch (RuntimeException e) {
                        failed(e);
                        return;
                    }
                    sink.eventLoop().execute(this::send);
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                failed(overloaded());
            }
            return true;
        }

        private Map<String, String> passHead(int status, io.netty.handler.codec.http.HttpHeaders headers) {
            metrics.upstream(brand, route.name(), java.time.Duration.ofNanos(System.nanoTime() - sentNanos));
            if (renewing(status)) {
                return null;
            }
            if (status >= 500) {
                failed(new HttpException(502, UNAVAILABLE, "the CRM API answered " + status));
                return null;
            }
            Map<String, String> pass = new LinkedHashMap<>();
            pass.put("Content-Type", plain(headers.get("Content-Type")).orElse("application/octet-stream"));
            // without it the client could not decode a compressed body copied byte for byte
            plain(headers.get("Content-Encoding")).ifPresent(v -> pass.put("Content-Encoding", v));
            return pass;
        }

        private void streamEnded(String outcome) {
            switch (outcome) {
                case StreamRelay.PASSED -> metrics.request(brand, route.name(), ProxyMetrics.passedOn(200));
                case StreamRelay.ABORTED -> metrics.request(brand, route.name(), ProxyMetrics.ABORTED);
                case StreamRelay.CLIENT_GONE -> metrics.request(brand, route.name(), ProxyMetrics.CLIENT_GONE);
                default -> { } // declined: counted where the exchange ends
            }
        }

        private void answered(UpstreamClient.BufferedAnswer answer, Throwable error) {
            if (error != null) {
                failed(error);
                return;
            }
            metrics.upstream(brand, route.name(), java.time.Duration.ofNanos(System.nanoTime() - sentNanos));
            if (renewing(answer.status())) {
                return;
            }
            if (answer.status() >= 500) {
                failed(new HttpException(502, UNAVAILABLE, "the CRM API answered " + answer.status()));
                return;
            }
            if (answer.body().length == 0) {
                respond(HttpResponse.of(answer.status(), "application/json", new byte[0]));
                return;
            }
            try {
                // masking may tokenize through the vault: never on the event loop
                sink.workers().execute(() -> masked(answer));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                failed(overloaded());
            }
        }

        private void masked(UpstreamClient.BufferedAnswer answer) {
            String masked;
            try {
                JsonNode raw = engine.parse(answer.body());
                masked = engine.write(engine.apply(policy, route.view().orElse(null), raw).document());
            } catch (RuntimeException e) {
                // not JSON, too deep, an unknown view, the vault down: never pass the answer on unmasked
                failed(new HttpException(502, INVALID, "the CRM API's answer could not be read or masked (" + e.getClass().getSimpleName() + ")"));
                return;
            }
            respond(HttpResponse.json(answer.status(), masked.getBytes(StandardCharsets.UTF_8)));
        }

        private void respond(HttpResponse response) {
            metrics.request(brand, route.name(), ProxyMetrics.passedOn(response.status()));
            sink.respond(response);
        }

        private void failed(Throwable error) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
            metrics.request(brand, route.name(), cause instanceof HttpException e ? e.code() : ProxyMetrics.REFUSED);
            sink.fail(cause);
        }
    }

    private static HttpException overloaded() {
        return new HttpException(503, "overloaded", "the server is at capacity; retry later", Map.of("Retry-After", "1"));
    }

    private static Optional<String> plain(String value) {
        return Optional.ofNullable(value).filter(v -> HEADER_VALUE.matcher(v).matches());
    }

    /**
     * The body with each token in its strings revealed as the policy allows the {@code crm}
     * audience; a body quoting tokens is audited first ({@link Audit#PROXY_REVEAL}: the expert, the
     * brand, the ticket whose claim lets them call, the tokens and the counts, never values), and
     * nothing goes upstream if the audit cannot record it.
     */
    private byte[] revealed(CompiledPolicy policy, JsonNode body, String expert, Claim claim) {
        if (policy.audiences().contains(CRM)) {
            Revealer revealer = Revealer.of(policy);
            int[] counts = new int[3];
            java.util.Set<String> tokens = new java.util.LinkedHashSet<>();
            body = reveal(revealer, body, policy, counts, tokens);
            if (counts[0] + counts[1] + counts[2] > 0) {
                try {
                    core.audit().record(new Audit.Event(clock.instant(), expert, claim.brand(), claim.ticketId(), Audit.PROXY_REVEAL,
                            List.copyOf(tokens), counts[0], counts[1], counts[2]));
                } catch (RuntimeException e) {
                    throw new GatewayException(GatewayException.AUDIT_UNAVAILABLE,
                            "the audit log could not record the request's reveal; nothing was sent");
                }
            }
        }
        return JsonTrees.bytes(body);
    }

    /** {@code node} with its strings' tokens revealed; {@code counts} gains revealed, withheld and unresolved, {@code tokens} the quoted tokens. */
    private static JsonNode reveal(Revealer revealer, JsonNode node, CompiledPolicy policy, int[] counts, java.util.Set<String> tokens) {
        if (node.isTextual()) {
            RevealedText r = dev.veil.gateway.core.PolicyFailures.run(() -> revealer.revealText(CRM, node.textValue()));
            int found = r.report().revealedTotal() + r.report().withheld() + r.report().unresolved();
            if (found > 0) {
                counts[0] += r.report().revealedTotal();
                counts[1] += r.report().withheld();
                counts[2] += r.report().unresolved();
                tokens.addAll(ExpertService.quotedTokens(policy, node.textValue()));
            }
            return TextNode.valueOf(r.text());
        }
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), reveal(revealer, e.getValue(), policy, counts, tokens));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(item -> out.add(reveal(revealer, item, policy, counts, tokens)));
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
}
