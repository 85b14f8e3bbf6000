package dev.veil.gateway.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.veil.gateway.server.VeilServerExtension.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.veil.gateway.config.CrmKind;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proxy routes of the {@code zd} brand against a WireMock Zendesk: answers masked by the brand
 * policy, the brand's credentials added upstream and never shown to the expert, the expert's own
 * token never forwarded, tokens in request bodies revealed for the CRM, and the failure answers
 * (504 on timeout, 502 on a broken connection, a non-JSON or oversized answer never passed on).
 */
class ProxyRoutesTest {

    @RegisterExtension
    static final CrmGatewayExtension GATEWAY = new CrmGatewayExtension();

    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((ZendeskApi.USER + "/token:" + ZendeskApi.TOKEN).getBytes(StandardCharsets.UTF_8));
    private static final String TICKET_ANSWER = """
            {"ticket":{"id":48213,"status":"open","subject":"Refund to dana.whitfield@example.com",
             "description":"Card 4111 1111 1111 1111","external_id":"ORDER-998877","via":{"channel":"web","source":{"from":{"address":"dana.whitfield@example.com"}}}},
             "requester":{"id":9912345,"name":"Dana Whitfield","email":"dana.whitfield@example.com","phone":"+1 415 555 0100"}}
            """;

    private static WireMockServer zendesk;
    private static String expert;
    private static String ticket;

    @BeforeAll
    static void claimATicketOfTheBrand() {
        zendesk = GATEWAY.crm(CrmKind.ZENDESK);
        ZendeskApi.comments(zendesk, "48213");
        byte[] body = ZendeskApi.triggerBody("48213");
        HttpResponse<String> in = GATEWAY.post("/v1/brands/zd/crm/zendesk", ZendeskApi.webhookHeaders(CrmGatewayExtension.ZD_SECRET, body,
                "01GE0ZX7T0NQJ8X0Y1Z2A3B4P1"), body);
        assertThat(in.statusCode()).as(in.body()).isEqualTo(202);
        expert = GATEWAY.expertToken("exp-zd");
        ticket = json(in).get("ticket").asText();
        HttpResponse<String> claim = GATEWAY.call("POST", "/v1/tickets/" + ticket + "/claim", expert, null);
        assertThat(claim.statusCode()).as(claim.body()).isEqualTo(200);
    }

    @Test
    void answersAreMaskedAndCredentialsAddedUpstreamOnly() {
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/tickets/48213.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Set-Cookie", "_zendesk_session=abc").withBody(TICKET_ANSWER)));
        HttpResponse<String> answer = GATEWAY.call("GET", "/v1/brands/zd/proxy/tickets/48213.json?include=users", expert, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode document = json(answer);
        assertThat(document.at("/ticket/status").asText()).isEqualTo("open");
        assertThat(document.at("/requester/name").asText()).doesNotContain("Whitfield");
        assertThat(answer.body()).doesNotContain("dana.whitfield@example.com").doesNotContain("4111 1111 1111 1111")
                .doesNotContain("ORDER-998877").doesNotContain("555 0100").doesNotContain(ZendeskApi.TOKEN).doesNotContain(BASIC);
        assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(answer.headers().allValues("Authorization")).isEmpty();

        LoggedRequest upstream = zendesk.findAll(getRequestedFor(urlPathEqualTo("/api/v2/tickets/48213.json"))).get(0);
        assertThat(upstream.getHeader("Authorization")).isEqualTo(BASIC);      // the brand's, never the expert's JWT
        assertThat(upstream.getAllHeaderKeys().toString()).doesNotContain(expert);
        assertThat(upstream.queryParameter("include").firstValue()).isEqualTo("users");
        assertThat(GATEWAY.log().text()).doesNotContain(ZendeskApi.TOKEN).doesNotContain(BASIC.substring(6)).doesNotContain("dana.whitfield");
    }

    @Test
    void tokensInRequestBodiesAreRevealedForTheCrmAndTheViewApplies() {
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/tickets/48214.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(TICKET_ANSWER)));
        String masked = GATEWAY.call("GET", "/v1/brands/zd/proxy/tickets/48214.json", expert, null).body();
        Matcher m = Pattern.compile("ctc_[A-Za-z0-9_-]+").matcher(masked);
        assertThat(m.find()).as(masked).isTrue();
        String contact = m.group();

        zendesk.stubFor(post(urlPathEqualTo("/api/v2/lookup")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(TICKET_ANSWER)));
        HttpResponse<String> answer = GATEWAY.call("POST", "/v1/brands/zd/proxy/lookup", expert,
                "{\"query\":{\"email\":\"" + contact + "\",\"note\":[\"mail " + contact + "\"]}}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer).at("/requester/name").asText()).isEqualTo("Dana Whitfield");  // the senior view keeps it
        assertThat(answer.body()).doesNotContain("dana.whitfield@example.com");
        JsonNode sent = json(zendesk.findAll(postRequestedFor(urlPathEqualTo("/api/v2/lookup"))).get(0).getBodyAsString());
        assertThat(sent.at("/query/email").asText()).isEqualTo("dana.whitfield@example.com");
        assertThat(sent.at("/query/note/0").asText()).isEqualTo("mail dana.whitfield@example.com");

        // the reveal is audited as the reply's is: who, which brand and claim, which token, never the value
        HttpResponse<String> audit = admin("/v1/admin/audit?action=proxy_reveal");
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        assertThat(audit.body()).doesNotContain("dana.whitfield");
        JsonNode entry = json(audit).get("entries").get(0);
        assertThat(entry.get("actor").asText()).isEqualTo("expert");
        assertThat(entry.get("actor_id").asText()).isEqualTo("exp-zd");
        assertThat(entry.get("brand").asText()).isEqualTo("zd");
        assertThat(entry.get("ticket").asText()).isEqualTo(ticket);
        assertThat(entry.get("token_ids").toString()).isEqualTo("[\"" + contact + "\"]");
        assertThat(entry.get("outcome").asText()).isEqualTo("allowed");
        // a body quoting no token adds no line
        int before = json(admin("/v1/admin/audit?action=proxy_reveal")).get("entries").size();
        assertThat(GATEWAY.call("POST", "/v1/brands/zd/proxy/lookup", expert, "{\"query\":\"plain\"}").statusCode()).isEqualTo(200);
        assertThat(json(admin("/v1/admin/audit?action=proxy_reveal")).get("entries").size()).isEqualTo(before);
    }

    @Test
    void callsAreCountedByBrandRouteAndOutcomeWithoutPathsInLabels() {
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/tickets/48299.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(TICKET_ANSWER)));
        assertThat(GATEWAY.call("GET", "/v1/brands/zd/proxy/tickets/48299.json", expert, null).statusCode()).isEqualTo(200);
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/tickets/gone.json")).willReturn(aResponse().withStatus(503)));
        assertThat(GATEWAY.call("GET", "/v1/brands/zd/proxy/tickets/gone.json", expert, null).statusCode()).isEqualTo(502);
        assertThat(GATEWAY.call("GET", "/v1/brands/zd/proxy/tickets/1.json", GATEWAY.expertToken("exp-sf"), null).statusCode()).isEqualTo(403);
        String metrics = admin("/metrics").body();
        assertThat(metric(metrics, "veil_proxy_requests_total{brand=\"zd\",outcome=\"2xx\",route=\"tickets\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metric(metrics, "veil_proxy_requests_total{brand=\"zd\",outcome=\"upstream_unavailable\",route=\"tickets\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metric(metrics, "veil_proxy_requests_total{brand=\"zd\",outcome=\"refused\",route=\"tickets\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metric(metrics, "veil_proxy_upstream_duration_seconds_count{brand=\"zd\",route=\"tickets\"}")).isGreaterThanOrEqualTo(2);
        assertThat(metrics).doesNotContain("48299").doesNotContain("gone.json").doesNotContain("exp-zd").doesNotContain("dana");
    }

    private static double metric(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .findFirst().orElse(-1);
    }

    private static HttpResponse<String> admin(String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + GATEWAY.gateway().port("admin") + path))
                    .header("Authorization", "Bearer " + CrmGatewayExtension.ADMIN_TOKEN).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSlowUpstreamIs504AndABrokenConnection502() {
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3000).withBody("{}")));
        HttpResponse<String> slow = GATEWAY.call("GET", "/v1/brands/zd/proxy/slow", expert, null);
        assertThat(slow.statusCode()).isEqualTo(504);
        assertThat(json(slow).get("error").asText()).isEqualTo("upstream_timeout");

        zendesk.stubFor(get(urlPathEqualTo("/api/v2/tickets/reset.json")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        HttpResponse<String> reset = GATEWAY.call("GET", "/v1/brands/zd/proxy/tickets/reset.json", expert, null);
        assertThat(reset.statusCode()).isEqualTo(502);
        assertThat(json(reset).get("error").asText()).isEqualTo("upstream_unavailable");

        zendesk.stubFor(get(urlPathEqualTo("/api/v2/tickets/down.json")).willReturn(aResponse().withStatus(503).withBody("dana.whitfield@example.com")));
        HttpResponse<String> down = GATEWAY.call("GET", "/v1/brands/zd/proxy/tickets/down.json", expert, null);
        assertThat(down.statusCode()).isEqualTo(502);
        assertThat(down.body()).doesNotContain("dana");
    }

    @Test
    void anAnswerThatCannotBeMaskedIsNeverPassedOn() {
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/tickets/html.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>dana.whitfield@example.com</html>")));
        HttpResponse<String> html = GATEWAY.call("GET", "/v1/brands/zd/proxy/tickets/html.json", expert, null);
        assertThat(html.statusCode()).isEqualTo(502);
        JsonNode error = json(html);
        assertThat(error.get("error").asText()).isEqualTo("upstream_invalid");
        assertThat(error.has("detail")).isTrue();
        assertThat(html.body()).doesNotContain("dana");

        String big = "{\"ticket\":{\"description\":\"" + "x".repeat(5000) + "\"}}";
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/small")).willReturn(aResponse().withStatus(200).withBody(big)));
        HttpResponse<String> large = GATEWAY.call("GET", "/v1/brands/zd/proxy/small", expert, null);
        assertThat(large.statusCode()).isEqualTo(502);
        assertThat(json(large).get("error").asText()).isEqualTo("upstream_too_large");
    }

    @Test
    void aStreamRoutePassesTenMegabytesThroughWhileBufferedRoutesStopAtTheirLimit() throws Exception {
        byte[] tenMb = new byte[10 << 20];
        new java.util.Random(7).nextBytes(tenMb);
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/attachments/big.bin")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withHeader("Set-Cookie", "s=1").withBody(tenMb)));
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/tickets/big.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(tenMb)));
        // a buffered (masked) route reads at most its limit (1 MiB by default), far below 10 MB ...
        HttpResponse<String> buffered = GATEWAY.call("GET", "/v1/brands/zd/proxy/tickets/big.json", expert, null);
        assertThat(buffered.statusCode()).isEqualTo(502);
        assertThat(json(buffered).get("error").asText()).isEqualTo("upstream_too_large");
        // ... while the stream route copies the whole answer through, chunk by chunk
        java.net.http.HttpResponse<byte[]> streamed = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(GATEWAY.publicUrl().resolve("/v1/brands/zd/proxy/files/big.bin"))
                        .header("Authorization", "Bearer " + expert).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body().length).isEqualTo(tenMb.length);
        assertThat(java.security.MessageDigest.getInstance("SHA-256").digest(streamed.body()))
                .isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(tenMb));
        assertThat(streamed.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(streamed.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(zendesk.findAll(getRequestedFor(urlPathEqualTo("/api/v2/attachments/big.bin"))).get(0).getHeader("Authorization")).isEqualTo(BASIC);
        // the connection serves the next request after a streamed answer
        assertThat(GATEWAY.call("GET", "/v1/brands/zd/proxy/nope", expert, null).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyConfiguredRoutesAndExpertsWorkingTheBrand() {
        assertThat(GATEWAY.call("GET", "/v1/brands/zd/proxy/nope", expert, null).statusCode()).isEqualTo(404);
        assertThat(GATEWAY.call("DELETE", "/v1/brands/zd/proxy/tickets/1.json", expert, null).statusCode()).isEqualTo(404);
        assertThat(GATEWAY.call("GET", "/v1/brands/sf/proxy/tickets", expert, null).statusCode()).isEqualTo(404);
        HttpResponse<String> other = GATEWAY.call("GET", "/v1/brands/zd/proxy/tickets/48213.json", GATEWAY.expertToken("exp-sf"), null);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(json(other).get("error").asText()).isEqualTo("proxy_no_claim");
        assertThat(GATEWAY.call("GET", "/v1/brands/zd/proxy/tickets/48213.json", "not-a-jwt", null).statusCode()).isEqualTo(401);
        assertThat(GATEWAY.call("GET", "/v1/brands/zd/proxy/tickets/..", expert, null).statusCode()).isIn(400, 404);
        assertThat(zendesk.findAll(getRequestedFor(urlPathEqualTo("/api/v2/tickets/48213.json"))).stream()
                .map(r -> r.getHeader("Authorization")).toList()).allMatch(BASIC::equals);
    }
}
