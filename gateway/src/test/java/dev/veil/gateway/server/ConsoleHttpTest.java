package dev.veil.gateway.server;

import static dev.veil.gateway.server.VeilServerExtension.error;
import static dev.veil.gateway.server.VeilServerExtension.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.console.ConsoleAssets;
import dev.veil.gateway.core.CoreFixtures;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's pages and the endpoints it added, over plain HTTP on the real gateway (no browser
 * needed): security headers, no inline code and no third-party URL in any file, the size budget,
 * sign-in configuration, the draft scan (positions, never values; nothing sent), the expert's own
 * gates and earnings, offers' ETags, and the admin routes behind the security team's pages.
 */
@Timeout(60)
class ConsoleHttpTest {

    @RegisterExtension
    static final VeilServerExtension SERVER = VeilServerExtension.withConsoleOidc();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSP_START = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ";

    @Test
    void everyConsoleFileComesWithAStrictPolicyAndNoCookie() {
        for (URI base : List.of(SERVER.publicUrl().resolve("/app/"), SERVER.adminUrl().resolve("/admin/"))) {
            for (String file : List.of("", "veil.css", "dom.js", "api.js", "signin.js", "config.json")) {
                HttpResponse<String> r = get(base.resolve(file), Map.of());
                assertThat(r.statusCode()).as(base + file).isEqualTo(200);
                String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
                assertThat(csp).startsWith(CSP_START).contains("frame-ancestors 'none'").contains("base-uri 'none'")
                        .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
                // the identity provider's token endpoint is the only other origin the page may call
                assertThat(csp).contains("connect-src 'self' http://127.0.0.1:" + SERVER.jwks().port() + ";");
                assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
                assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
                assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
                assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
            }
        }
        HttpResponse<String> redirect = get(SERVER.publicUrl().resolve("/app"), Map.of());
        assertThat(redirect.statusCode()).isEqualTo(308);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/app/");
        assertThat(get(SERVER.publicUrl().resolve("/app/nothing.js"), Map.of()).statusCode()).isEqualTo(404);
        assertThat(get(SERVER.publicUrl().resolve("/app/..%2Fadmin%2Fadmin.js"), Map.of()).statusCode()).isEqualTo(404);
        assertThat(get(SERVER.publicUrl().resolve("/app/files.txt"), Map.of()).statusCode()).isEqualTo(404);
        assertThat(get(SERVER.publicUrl().resolve("/admin/"), Map.of()).statusCode()).as("admin pages only on the admin listener").isEqualTo(404);
        HttpResponse<String> js = get(SERVER.publicUrl().resolve("/app/app.js"), Map.of());
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        String etag = js.headers().firstValue("ETag").orElseThrow();
        assertThat(get(SERVER.publicUrl().resolve("/app/app.js"), Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
    }

    @Test
    void theFilesHoldNoInlineCodeNoThirdPartyUrlAndStayWithinTheBudget() {
        ConsoleAssets assets = ConsoleAssets.load();
        int total = 0;
        Pattern url = Pattern.compile("https?://(?!www\\.w3\\.org/2000/svg)");
        for (ConsoleAssets.Asset asset : assets.all().values()) {
            String text = new String(asset.bytes(), StandardCharsets.UTF_8);
            total += asset.bytes().length;
            assertThat(url.matcher(text).find()).as("%s names another origin", asset.name()).isFalse();
            if (asset.name().endsWith(".html")) {
                assertThat(text).as(asset.name()).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContainPattern("\\son[a-z]+=")
                        .doesNotContain("style=").doesNotContain("<style");
            }
            if (asset.name().endsWith(".js")) {
                assertThat(text).as(asset.name()).doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                        .doesNotContain("eval(").doesNotContain("new Function").doesNotContain("document.write").doesNotContain("localStorage.setItem");
            }
        }
        assertThat(assets.all()).containsKeys("app/index.html", "admin/index.html", "shared/api.js");
        assertThat(total).isLessThan(ConsoleAssets.MAX_TOTAL_BYTES);
    }

    @Test
    void signInIsOidcWithPkceOutsideDevModeAndTheDevSignInDoesNotExist() {
        JsonNode app = json(get(SERVER.publicUrl().resolve("/app/config.json"), Map.of()));
        assertThat(app.get("dev").asBoolean()).isFalse();
        assertThat(app.at("/oidc/clientId").asText()).isEqualTo(VeilServerExtension.CONSOLE_CLIENT);
        assertThat(app.at("/oidc/scope").asText()).isEqualTo("openid veil");
        assertThat(app.toString()).doesNotContain("secret");
        JsonNode admin = json(get(SERVER.adminUrl().resolve("/admin/config.json"), Map.of()));
        assertThat(admin.at("/oidc/scope").asText()).isEqualTo("openid veil " + VeilServerExtension.ADMIN_SCOPE);
        assertThat(admin.get("adminToken").asBoolean()).isTrue();
        HttpResponse<String> dev = SERVER.call("POST", "/dev/sign-in", null, "{\"expert\": \"exp-1\"}");
        assertThat(dev.statusCode()).isEqualTo(404);
        assertThat(SERVER.call(SERVER.adminUrl(), "POST", "/dev/sign-in", null, "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void stateChangesNeedTheBearerHeaderAndNoOtherOriginIsGrantedCors() {
        String ticket = ticket();
        HttpResponse<String> withCookie = send(HttpRequest.newBuilder(SERVER.publicUrl().resolve("/v1/tickets/" + ticket + "/claim"))
                .header("Cookie", "session=" + SERVER.expertToken("exp-c1")).header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(error(withCookie, 401)).isEqualTo("missing_token");
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(SERVER.publicUrl().resolve("/v1/tickets/" + ticket + "/claim"))
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(preflight.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theDraftScanAnswersPositionsNeverValuesAndSendsNothing() {
        SERVER.registerExpert("exp-scan", 2);
        SERVER.registerExpert("exp-other", 2);
        String ticket = ticket();
        String token = SERVER.expertToken("exp-scan");
        assertThat(SERVER.call("POST", "/v1/tickets/" + ticket + "/claim", token, null).statusCode()).isEqualTo(200);
        // replies sent by other tests of this class go out in the background: let them land first
        VeilServerExtension.await("earlier replies delivered", java.time.Duration.ofSeconds(20),
                () -> json(SERVER.admin("GET", "/v1/admin/outbox", null)).get("pending").asInt() == 0);
        String draft = "Refunded to 4012 8888 8888 1881; write to refunds.desk@example.org";
        HttpResponse<String> scan = SERVER.call("POST", "/v1/tickets/" + ticket + "/reply/scan", token, body("text", draft));
        assertThat(scan.statusCode()).as(scan.body()).isEqualTo(200);
        assertThat(scan.body()).doesNotContain("4012").doesNotContain("refunds.desk");
        JsonNode answer = json(scan);
        assertThat(answer.get("replies").asText()).isEqualTo("replace");
        assertThat(answer.get("sendable").asBoolean()).isTrue();
        assertThat(answer.get("findings")).hasSize(2);
        JsonNode card = answer.get("findings").get(0);
        assertThat(card.get("type").asText()).isEqualTo("CARD_NUMBER");
        assertThat(draft.substring(card.get("start").asInt(), card.get("end").asInt())).isEqualTo("4012 8888 8888 1881");
        JsonNode email = answer.get("findings").get(1);
        assertThat(draft.substring(email.get("start").asInt(), email.get("end").asInt())).isEqualTo("refunds.desk@example.org");
        assertThat(json(SERVER.call("POST", "/v1/tickets/" + ticket + "/reply/scan", token, body("text", "All refunded."))).get("findings"))
                .isEmpty();
        assertThat(error(SERVER.call("POST", "/v1/tickets/" + ticket + "/reply/scan", SERVER.expertToken("exp-other"), body("text", draft)), 403))
                .isEqualTo("not_claimant");
        assertThat(json(SERVER.admin("GET", "/v1/admin/outbox", null)).get("pending").asInt()).isZero();
        // about this ticket only: another test's reply may reach the CRM stand-in meanwhile
        assertThat(SERVER.crmRequests("acme")).noneMatch(r -> r.getBodyAsString().contains(ticket));

        // a policy that refuses replies: the draft is flagged as blocking
        String refusing = json(SERVER.sendTicket("hooli", E2eTickets.bytes(E2eTickets.example("zendesk-en", E2eTickets.freshCrmId("hooli")))))
                .get("ticket").asText();
        assertThat(SERVER.call("POST", "/v1/tickets/" + refusing + "/claim", token, null).statusCode()).isEqualTo(200);
        JsonNode refused = json(SERVER.call("POST", "/v1/tickets/" + refusing + "/reply/scan", token, body("text", draft)));
        assertThat(refused.get("replies").asText()).isEqualTo("refuse");
        assertThat(refused.get("sendable").asBoolean()).isFalse();

        // the view carries the claim's deadline and the token profiles the console draws chips from
        JsonNode view = json(SERVER.call("GET", "/v1/tickets/" + ticket, token, null));
        assertThat(view.at("/claim/replied").asBoolean()).isFalse();
        assertThat(view.at("/claim/deadline").asText()).isNotBlank();
        assertThat(view.get("tokens").findValuesAsText("profile")).contains("card", "contact");
    }

    @Test
    void anExpertSeesOwnGatesAndWeeklyEarningsOnlyAndOffersAnswer304WhileUnchanged() {
        SERVER.registerExpert("exp-me", 2);
        String token = SERVER.expertToken("exp-me");
        String ticket = ticket();
        HttpResponse<String> offers = SERVER.call("GET", "/v1/offers", token, null);
        String etag = offers.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> same = send(HttpRequest.newBuilder(SERVER.publicUrl().resolve("/v1/offers"))
                .header("Authorization", "Bearer " + token).header("If-None-Match", etag).GET().build());
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(SERVER.call("POST", "/v1/tickets/" + ticket + "/claim", token, null).statusCode()).isEqualTo(200);
        HttpResponse<String> changed = send(HttpRequest.newBuilder(SERVER.publicUrl().resolve("/v1/offers"))
                .header("Authorization", "Bearer " + token).header("If-None-Match", etag).GET().build());
        assertThat(changed.statusCode()).isEqualTo(200);
        JsonNode claims = json(SERVER.call("GET", "/v1/me/claims", token, null)).get("claims");
        assertThat(claims).hasSize(1);
        assertThat(claims.get(0).get("ticket").asText()).isEqualTo(ticket);
        assertThat(claims.get(0).get("brand").asText()).isEqualTo("acme");
        assertThat(claims.get(0).get("replied").asBoolean()).isFalse();
        assertThat(json(SERVER.call("GET", "/v1/me/claims", SERVER.expertToken("exp-other-claims"), null)).get("claims")).isEmpty();
        assertThat(SERVER.call("POST", "/v1/tickets/" + ticket + "/reply", token, body("text", "Done.")).statusCode()).isEqualTo(202);
        HttpResponse<String> resolved = SERVER.signedPost("/v1/brands/acme/tickets/" + ticket + "/events", "acme", "msg_" + UUID.randomUUID(),
                "{\"type\": \"resolved\", \"outcome\": \"accepted\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);

        JsonNode gates = json(SERVER.call("GET", "/v1/me/gates", token, null));
        assertThat(gates.get("brands").findValuesAsText("brand")).containsExactlyElementsOf(VeilServerExtension.BRANDS.stream().sorted().toList());
        JsonNode acme = gates.get("brands").get(0);
        assertThat(acme.get("eligible").asBoolean()).isTrue();
        assertThat(acme.get("rules").findValuesAsText("rule")).containsExactly("brand_configured", "certified", "certification_current",
                "not_removed", "not_suspended", "online", "rating", "quality", "capacity");
        assertThat(gates.toString()).doesNotContain("exp-scan").doesNotContain("exp-other");
        SERVER.admin("POST", "/v1/admin/experts/exp-me/offline", null);
        JsonNode offline = json(SERVER.call("GET", "/v1/me/gates", token, null)).get("brands").get(0);
        assertThat(offline.get("eligible").asBoolean()).isFalse();
        assertThat(offline.get("rules").get(5).get("passed").asBoolean()).isFalse();
        SERVER.admin("POST", "/v1/admin/experts/exp-me/online", null);

        JsonNode weeks = json(SERVER.call("GET", "/v1/me/earnings", token, null)).get("weeks");
        assertThat(weeks).hasSize(1);
        assertThat(weeks.get(0).get("brand").asText()).isEqualTo("acme");
        assertThat(weeks.get(0).get("tickets").asInt()).isEqualTo(1);
        assertThat(weeks.get(0).get("week").asText()).matches("[0-9]{4}-W[0-9]{2}");
        assertThat(json(SERVER.call("GET", "/v1/me/earnings", SERVER.expertToken("exp-nobody"), null)).get("weeks")).isEmpty();
        assertThat(error(SERVER.call("GET", "/v1/me/gates", SERVER.expertToken("exp-nobody"), null), 404)).isEqualTo("unknown_expert");
    }

    @Test
    void theWorkbenchPreviewsAndDiffsWithoutLeakingTheSampleAndNamesWherePastedPolicyProblemsAre() throws Exception {
        String sample = Files.readString(CoreFixtures.examples().resolve("tickets/zendesk-en.json"));
        String live = Files.readString(CoreFixtures.examples().resolve("policies/acme.yaml"));
        ObjectNode request = JSON.createObjectNode().put("brand", "acme");
        request.set("ticket", JSON.readTree(sample));
        HttpResponse<String> preview = SERVER.admin("POST", "/v1/admin/policy/preview", request.toString());
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        assertThat(CoreFixtures.leaks(preview.body().replace("\"Dana Whitfield\"", ""))).isEmpty(); // the senior view keeps the name
        assertThat(json(preview).get("views").findValuesAsText("view")).containsExactly("base", "senior");
        assertThat(json(preview).at("/views/0/document/requester/name").asText()).doesNotContain("Whitfield");
        assertThat(json(preview).at("/views/1/document/requester/name").asText()).isEqualTo("Dana Whitfield");

        request.put("policy", live);
        JsonNode same = json(SERVER.admin("POST", "/v1/admin/policy/diff", request.toString()));
        assertThat(same.get("verdict").asText()).isEqualTo("same_or_safer");
        request.put("policy", live.replace("version: 7", "version: 8")
                .replace("action: tokenize, token: contact, type: EMAIL", "action: keep, type: EMAIL"));
        HttpResponse<String> diff = SERVER.admin("POST", "/v1/admin/policy/diff", request.toString());
        assertThat(diff.statusCode()).as(diff.body()).isEqualTo(200);
        JsonNode widened = json(diff);
        assertThat(widened.get("verdict").asText()).isEqualTo("exposure");
        assertThat(widened.at("/views/0/exposures").findValuesAsText("path")).contains("$.requester.email");
        assertThat(CoreFixtures.leaks(diff.body())).isEmpty();

        request.put("policy", "policy: broken\nbrand: acme\nversion: nine\n");
        HttpResponse<String> broken = SERVER.admin("POST", "/v1/admin/policy/preview", request.toString());
        assertThat(error(broken, 422)).isEqualTo("invalid_policy");
        assertThat(json(broken).get("detail").asText()).contains("line ");
        request.remove("policy");
        request.put("brand", "nope");
        assertThat(error(SERVER.admin("POST", "/v1/admin/policy/preview", request.toString()), 404)).isEqualTo("unknown_brand");
        // the workbench made its tokens with throwaway keys: no audit line names a reveal, nothing reached the vault
        assertThat(json(SERVER.admin("GET", "/v1/admin/audit?action=detokenize", null)).get("entries")).isEmpty();
    }

    @Test
    void theAdminListsExpertsWithGatesQueueHistoryAndTheAuditLogNewestFirst() {
        SERVER.registerExpert("exp-gates", 1);
        SERVER.admin("POST", "/v1/admin/experts/exp-gates/suspend", null);
        JsonNode experts = json(SERVER.admin("GET", "/v1/admin/experts?limit=1000", null)).get("experts");
        JsonNode suspended = null;
        for (JsonNode e : experts) {
            if (e.get("id").asText().equals("exp-gates")) {
                suspended = e;
            }
        }
        assertThat(suspended).isNotNull();
        assertThat(suspended.get("gates").get(0).get("eligible").asBoolean()).isFalse();
        assertThat(suspended.get("gates").get(0).get("failed").findValuesAsText("rule")).contains("not_suspended");
        assertThat(error(SERVER.admin("GET", "/v1/admin/experts?limit=0", null), 400)).isEqualTo("invalid_parameter");

        JsonNode samples = json(SERVER.admin("GET", "/v1/admin/queues/history", null)).get("samples");
        assertThat(samples.size()).isBetween(1, 61);
        assertThat(samples.get(samples.size() - 1).get("queues").findValuesAsText("brand")).contains("acme");

        JsonNode audit = json(SERVER.admin("GET", "/v1/admin/audit?limit=2", null)).get("entries");
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).get("action").asText()).isEqualTo("admin.queues.history"); // newest first
        assertThat(audit.get(0).get("ts").asText()).isGreaterThanOrEqualTo(audit.get(1).get("ts").asText());
        assertThat(error(SERVER.admin("GET", "/v1/admin/audit?action=DROP%20TABLE", null), 400)).isEqualTo("invalid_parameter");
        assertThat(SERVER.call(SERVER.adminUrl(), "GET", "/v1/admin/audit", SERVER.expertToken("exp-gates"), null).statusCode()).isEqualTo(403);
    }

    // --- helpers

    private static String ticket() {
        HttpResponse<String> intake = SERVER.sendTicket("acme", E2eTickets.bytes(E2eTickets.example("zendesk-en", E2eTickets.freshCrmId("acme"))));
        assertThat(intake.statusCode()).as(intake.body()).isEqualTo(202);
        return json(intake).get("ticket").asText();
    }

    private static String body(String name, String value) {
        return JSON.createObjectNode().put(name, value).toString();
    }

    private static HttpResponse<String> get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return SERVER.client().send(request, BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
