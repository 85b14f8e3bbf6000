package dev.veil.gateway.console;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.auth.DevIdentityProvider;
import dev.veil.gateway.config.ConsoleConfig;
import dev.veil.gateway.http.HttpException;
import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.http.JsonBodies;
import dev.veil.gateway.http.Routes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Serves one area of the console: the expert console ({@code /app/}, public listener) or the
 * security team's pages ({@code /admin/}, admin listener). Static files carry {@link SecurityHeaders};
 * {@code config.json} tells the page how to sign in; in dev mode {@code POST /dev/sign-in} mints a
 * short-lived token from the dev identity provider. The console keeps its bearer token in memory
 * only and sends it in the {@code Authorization} header: no cookie carries credentials, so a
 * cross-site request can never act as the user (CSRF), and the JSON-only sign-in forces a CORS
 * preflight that the gateway never answers for another origin.
 */
public final class ConsoleRoutes {

    /** How long a dev sign-in token lives. */
    public static final Duration DEV_TOKEN_TTL = Duration.ofHours(8);
    /** The id of the admin a dev sign-in on the admin pages makes. */
    public static final String DEV_ADMIN = "dev-admin";

    private static final Pattern EXPERT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a page needs to know about signing in. */
    public record SignIn(Optional<ConsoleConfig.Oidc> oidc, String scope, boolean dev, boolean adminToken, List<String> devExperts) {
        public SignIn {
            requireNonNull(oidc, "oidc");
            requireNonNull(scope, "scope");
            devExperts = List.copyOf(devExperts);
        }
    }

    private ConsoleRoutes() {}

    /**
     * The routes of {@code area} ({@code app} or {@code admin}): {@code GET /area} (redirect),
     * {@code GET /area/}, {@code GET /area/{file}}, {@code GET /area/config.json}, and with a dev
     * identity provider {@code POST /dev/sign-in} (with {@code adminScope} for the admin area).
     */
    public static Routes of(String area, ConsoleAssets assets, SecurityHeaders headers, SignIn signIn,
            DevIdentityProvider devIdentity, Optional<String> adminScope) {
        requireNonNull(area, "area");
        requireNonNull(assets, "assets");
        requireNonNull(headers, "headers");
        requireNonNull(signIn, "signIn");
        requireNonNull(adminScope, "adminScope");
        String base = "/" + area + "/";
        byte[] config = config(signIn, base);
        Routes.Builder routes = Routes.builder()
                .add("GET", "/" + area, request -> headers.apply(HttpResponse.of(308, "text/plain; charset=utf-8", new byte[0])
                        .withHeader("Location", base)))
                .add("GET", base, request -> file(assets, headers, area, "index.html", request))
                .add("GET", base + "{file}", request -> file(assets, headers, area, request.pathParam("file"), request))
                .add("GET", base + "config.json", request -> headers.apply(HttpResponse.json(200, config.clone())
                        .withHeader("Cache-Control", "no-store")));
        if (devIdentity != null) {
            routes.add("POST", "/dev/sign-in", request -> headers.apply(devSignIn(request, devIdentity, adminScope)));
        }
        return routes.build();
    }

    private static HttpResponse file(ConsoleAssets assets, SecurityHeaders headers, String area, String name, HttpRequest request) {
        ConsoleAssets.Asset asset = assets.find(area, name)
                .orElseThrow(() -> HttpException.notFound("no such console file"));
        boolean unchanged = request.header("If-None-Match").map(asset.etag()::equals).orElse(false);
        HttpResponse response = unchanged ? HttpResponse.of(304, asset.contentType(), new byte[0])
                : HttpResponse.of(200, asset.contentType(), asset.bytes().clone());
        return headers.apply(response.withHeader("ETag", asset.etag()).withHeader("Cache-Control", "no-cache"));
    }

    private static byte[] config(SignIn signIn, String base) {
        ObjectNode root = JSON.createObjectNode();
        root.put("base", base);
        root.put("dev", signIn.dev());
        root.put("adminToken", signIn.adminToken());
        ArrayNode experts = root.putArray("devExperts");
        signIn.devExperts().forEach(experts::add);
        signIn.oidc().ifPresent(o -> root.putObject("oidc")
                .put("clientId", o.clientId())
                .put("authorizationUrl", o.authorizationUrl().toString())
                .put("tokenUrl", o.tokenUrl().toString())
                .put("scope", signIn.scope()));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code POST /dev/sign-in} with {@code {"expert": ID}} (public) or {@code {}} (admin): a token from the dev identity provider. */
    private static HttpResponse devSignIn(HttpRequest request, DevIdentityProvider identity, Optional<String> adminScope) {
        String type = request.header("Content-Type").orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            // a form post from another site cannot send this type without a CORS preflight, which is never granted
            throw new HttpException(415, "unsupported_media_type", "expected: Content-Type application/json");
        }
        var body = JsonBodies.defaults().read(request);
        String subject;
        Set<String> scopes;
        if (adminScope.isPresent()) {
            subject = DEV_ADMIN;
            scopes = Set.of(adminScope.get());
        } else {
            var expert = body.get("expert");
            if (expert == null || !expert.isTextual() || !EXPERT_ID.matcher(expert.asText()).matches()) {
                throw HttpException.badRequest("bad_request", "expert: expected an expert id (letters, digits, . _ : @ -, at most 128)");
            }
            subject = expert.asText();
            scopes = Set.of();
        }
        String token = identity.mint(subject, scopes, DEV_TOKEN_TTL);
        ObjectNode out = JSON.createObjectNode().put("token", token).put("subject", subject).put("expiresIn", DEV_TOKEN_TTL.toSeconds());
        return HttpResponse.json(200, out).withHeader("Cache-Control", "no-store");
    }
}
