package dev.veil.gateway.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.veil.gateway.server.VeilServerExtension.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.veil.gateway.config.CrmKind;
import dev.veil.gateway.intake.crm.CrmPing;
import dev.veil.gateway.server.VeilServerExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end per CRM: the CRM's webhook in its own format, an expert claims and replies quoting a
 * token, and the reply arrives at the CRM's API (a WireMock answering as the CRM documents) with
 * the token revealed as the preset policy allows; PII never reaches the expert.
 */
class CrmEndToEndTest {

    @RegisterExtension
    static final CrmGatewayExtension GATEWAY = new CrmGatewayExtension();

    @Test
    void zendesk() {
        WireMockServer zendesk = GATEWAY.crm(CrmKind.ZENDESK);
        ZendeskApi.comments(zendesk, "48213");
        ZendeskApi.ticketUpdate(zendesk);
        byte[] body = ZendeskApi.triggerBody("48213");
        Map<String, String> headers = ZendeskApi.webhookHeaders(CrmGatewayExtension.ZD_SECRET, body, "01GE0ZX7T0NQJ8X0Y1Z2A3B4C5");
        HttpResponse<String> in = GATEWAY.post("/v1/brands/zd/crm/zendesk", headers, body);
        assertThat(in.statusCode()).as(in.body()).isEqualTo(202);
        String ticket = json(in).get("ticket").asText();

        HttpResponse<String> replay = GATEWAY.post("/v1/brands/zd/crm/zendesk", headers, body);
        assertThat(replay.headers().firstValue("Veil-Replayed")).contains("true");
        assertThat(json(replay).get("ticket").asText()).isEqualTo(ticket);
        zendesk.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/api/v2/tickets/48213/comments.json")));

        byte[] twice = "{\"ticket\":{\"id\":\"48214\",\"id\":\"1\"}}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> duplicate = GATEWAY.post("/v1/brands/zd/crm/zendesk",
                ZendeskApi.webhookHeaders(CrmGatewayExtension.ZD_SECRET, twice, "01GE0ZX7T0NQJ8X0Y1Z2A3B4C7"), twice);
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(json(duplicate).get("error").asText()).isEqualTo("invalid_ticket");

        Map<String, String> forged = new java.util.LinkedHashMap<>(headers);
        forged.put("X-Zendesk-Webhook-Signature", ZendeskApi.webhookHeaders("another-secret-0123456789", body, "x").get("X-Zendesk-Webhook-Signature"));
        forged.put("x-zendesk-webhook-invocation-id", "01GE0ZX7T0NQJ8X0Y1Z2A3B4C6");
        assertThat(GATEWAY.post("/v1/brands/zd/crm/zendesk", forged, body).statusCode()).isEqualTo(401);

        JsonNode document = claimAndRead("exp-zd", ticket);
        String text = document.toString();
        assertThat(text).doesNotContain("4111 1111 1111 1111").doesNotContain("dana.whitfield@example.com").doesNotContain("123-45-6789")
                .doesNotContain("203.0.113.7").doesNotContain("Dana Whitfield");
        assertThat(document.at("/ticket/comments")).hasSize(2);       // fetched through the Zendesk API
        assertThat(document.at("/ticket/comments/0/html_body").isMissingNode()).isTrue();
        String contact = token(text, "ctc_[A-Za-z0-9_-]+");

        double deliveredBefore = sample(metrics(), DELIVERED_ZD);
        reply("exp-zd", ticket, "Hello, we sent the refund confirmation to " + contact + ".");
        LoggedRequest put = await(zendesk, () -> zendesk.findAll(putRequestedFor(urlPathEqualTo("/api/v2/tickets/48213.json"))));
        JsonNode comment = json(put.getBodyAsString()).at("/ticket/comment");
        assertThat(comment.get("body").asText()).isEqualTo("Hello, we sent the refund confirmation to dana.whitfield@example.com.");
        assertThat(comment.get("public").asBoolean()).isTrue();
        // the delivery shows in the metrics, labelled by brand and CRM kind only
        VeilServerExtension.await("the delivery in the metrics", Duration.ofSeconds(15), () -> sample(metrics(), DELIVERED_ZD) > deliveredBefore);
        String scrape = metrics();
        assertThat(sample(scrape, "veil_crm_delivery_seconds_count{brand=\"zd\",kind=\"zendesk\"}")).isEqualTo(sample(scrape, DELIVERED_ZD));
        assertThat(scrape).contains("veil_outbox_lane_depth{brand=\"zd\",kind=\"zendesk\",state=\"pending\"} 0.0")
                .contains("veil_outbox_lane_depth{brand=\"sf\",kind=\"salesforce\",state=\"dead\"}")
                .doesNotContain("48213").doesNotContain(ticket).doesNotContain("dana");
    }

    private static final String DELIVERED_ZD = "veil_crm_deliveries_total{brand=\"zd\",kind=\"zendesk\",outcome=\"delivered\"}";

    /** A sample's value in a scrape, 0 when the series has none yet. */
    private static double sample(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private static String metrics() {
        HttpResponse<String> r = GATEWAY.admin("GET", "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void salesforce() {
        WireMockServer salesforce = GATEWAY.crm(CrmKind.SALESFORCE);
        SalesforceApi.tokenEndpoint(salesforce, GATEWAY.url(CrmKind.SALESFORCE), "00D5e!AQ0AQtoken");
        SalesforceApi.sobjects(salesforce);
        SalesforceApi.queries(salesforce);
        String path = "/v1/brands/sf/crm/salesforce/" + CrmGatewayExtension.SF_TOKEN;
        Map<String, String> soap = Map.of("Content-Type", "text/xml; charset=utf-8", "SOAPAction", "\"\"");
        byte[] message = SalesforceApi.outboundMessage(SalesforceApi.ORG_ID,
                SalesforceApi.caseNotification("04l5e000000AbC1AAK", SalesforceApi.CASE_ID, "Refund not received", "2025-03-16T14:05:00.000Z"))
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> in = GATEWAY.post(path, soap, message);
        assertThat(in.statusCode()).as(in.body()).isEqualTo(200);
        assertThat(in.body()).contains("<Ack>true</Ack>").contains("notificationsResponse");
        assertThat(in.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");

        // a duplicate and an older state of the same Case are acknowledged and change nothing
        assertThat(GATEWAY.post(path, soap, message).body()).contains("<Ack>true</Ack>");
        byte[] older = SalesforceApi.outboundMessage(SalesforceApi.ORG_ID,
                SalesforceApi.caseNotification("04l5e000000AbC0AAK", SalesforceApi.CASE_ID, "Old subject", "2025-03-16T14:01:00.000Z"))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(GATEWAY.post(path, soap, older).body()).contains("<Ack>true</Ack>");
        String ticket = ticketOf("sf", SalesforceApi.CASE_ID);

        // another organization, or a wrong URL token: refused, and Salesforce gets no Ack
        byte[] foreign = SalesforceApi.outboundMessage("00D5e000000ZzZzEAF",
                SalesforceApi.caseNotification("04l5e000000AbC2AAK", SalesforceApi.CASE_ID, "x", "2025-03-16T15:00:00.000Z")).getBytes(StandardCharsets.UTF_8);
        assertThat(GATEWAY.post(path, soap, foreign).statusCode()).isEqualTo(403);
        assertThat(GATEWAY.post("/v1/brands/sf/crm/salesforce/wrong-token-0123456789abcdef", soap, message).statusCode()).isEqualTo(401);

        JsonNode document = claimAndRead("exp-sf", ticket);
        String text = document.toString();
        assertThat(document.path("Subject").asText()).isEqualTo("Refund not received");
        assertThat(document.path("IsEscalated").isBoolean()).isTrue();
        assertThat(text).doesNotContain("5555 5555 5555 4444").doesNotContain("marcus.chen@example.com").doesNotContain("Marcus Chen");
        assertThat(document.at("/CaseComments/records")).hasSize(1); // fetched with SOQL
        String contact = token(text, "sfc_[A-Za-z0-9_-]+");

        reply("exp-sf", ticket, "Refund confirmation goes to " + contact);
        LoggedRequest post = await(salesforce, () -> salesforce.findAll(postRequestedFor(urlPathEqualTo("/services/data/v60.0/sobjects/CaseComment"))));
        JsonNode record = json(post.getBodyAsString());
        assertThat(record.get("ParentId").asText()).isEqualTo(SalesforceApi.CASE_ID);
        assertThat(record.get("CommentBody").asText()).isEqualTo("Refund confirmation goes to marcus.chen@example.com");
        assertThat(record.get("IsPublished").asBoolean()).isTrue();
        assertThat(post.getHeader("Authorization")).isEqualTo("Bearer 00D5e!AQ0AQtoken");
    }

    @Test
    void salesforceCommentNotificationsFetchTheCaseTheyBelongTo() {
        WireMockServer salesforce = GATEWAY.crm(CrmKind.SALESFORCE);
        SalesforceApi.tokenEndpoint(salesforce, GATEWAY.url(CrmKind.SALESFORCE), "00D5e!AQ0AQtoken");
        SalesforceApi.queries(salesforce);
        byte[] message = SalesforceApi.outboundMessage(SalesforceApi.ORG_ID,
                SalesforceApi.commentNotification("04l5e000000AbC9AAK", "00a3X00000AbCdEQAZ", SalesforceApi.CASE_ID)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> in = GATEWAY.post("/v1/brands/sf/crm/salesforce/" + CrmGatewayExtension.SF_TOKEN,
                Map.of("Content-Type", "text/xml"), message);
        assertThat(in.body()).contains("<Ack>true</Ack>");
        salesforce.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/services/data/v60.0/sobjects/Case/" + SalesforceApi.CASE_ID)));
    }

    @Test
    void salesforceFlowCalloutsUseVeilsOwnSchemeOnTheTicketsRoute() {
        byte[] caseJson = ("{\"attributes\":{\"type\":\"Case\"},\"Id\":\"5003X00002KqLmZQAV\",\"Subject\":\"Flow callout\","
                + "\"SuppliedEmail\":\"ana@example.com\"}").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new java.util.LinkedHashMap<>(dev.veil.gateway.auth.StandardWebhooks.of(
                List.of(GATEWAY.sfWebhookSecret()), Clock.systemUTC()).sign("msg_flow_1", caseJson));
        headers.put("Content-Type", "application/json");
        HttpResponse<String> in = GATEWAY.post("/v1/brands/sf/tickets", headers, caseJson);
        assertThat(in.statusCode()).as(in.body()).isEqualTo(202);
    }

    @Test
    void freshdesk() {
        WireMockServer freshdesk = GATEWAY.crm(CrmKind.FRESHDESK);
        FreshdeskApi.conversations(freshdesk, "1042");
        FreshdeskApi.replies(freshdesk);
        byte[] body = FreshdeskApi.webhookBody("1042");
        assertThat(GATEWAY.post("/v1/brands/fd/crm/freshdesk", Map.of("Content-Type", "application/json"), body).statusCode()).isEqualTo(401);
        HttpResponse<String> in = GATEWAY.post("/v1/brands/fd/crm/freshdesk",
                Map.of("Content-Type", "application/json", "X-Veil-Token", CrmGatewayExtension.FD_TOKEN), body);
        assertThat(in.statusCode()).as(in.body()).isEqualTo(202);
        String ticket = json(in).get("ticket").asText();

        JsonNode document = claimAndRead("exp-fd", ticket);
        String text = document.toString();
        assertThat(text).doesNotContain("sam.okafor@example.co.uk").doesNotContain("4111 1111 1111 1111").doesNotContain("7700 900123");
        assertThat(document.path("tags")).hasSize(2);
        assertThat(document.at("/conversations")).hasSize(1);
        String contact = token(text, "fdc_[A-Za-z0-9_-]+");

        reply("exp-fd", ticket, "Please confirm " + contact + "\nThanks");
        LoggedRequest post = await(freshdesk, () -> freshdesk.findAll(postRequestedFor(urlPathEqualTo("/api/v2/tickets/1042/notes"))));
        JsonNode note = json(post.getBodyAsString());
        assertThat(note.get("body").asText()).isEqualTo("Please confirm sam.okafor@example.co.uk<br>Thanks");
        assertThat(note.get("private").asBoolean()).isTrue();
    }

    @Test
    void aGenericSenderSigningGithubStyleUsesTheTicketsRoute() {
        byte[] body = ZendeskApi.triggerBody("777");
        String signature = dev.veil.gateway.auth.HubSignature.sign(dev.veil.gateway.auth.HubSignature.Algorithm.SHA256,
                dev.veil.gateway.auth.SharedSecret.of(CrmGatewayExtension.HUB_SECRET), body);
        Map<String, String> headers = Map.of("Content-Type", "application/json", "X-Hub-Signature-256", signature);
        HttpResponse<String> in = GATEWAY.post("/v1/brands/gh/tickets", headers, body);
        assertThat(in.statusCode()).as(in.body()).isEqualTo(202);
        HttpResponse<String> again = GATEWAY.post("/v1/brands/gh/tickets", headers, body);
        assertThat(again.headers().firstValue("Veil-Replayed")).contains("true");
        assertThat(GATEWAY.post("/v1/brands/gh/tickets", Map.of("Content-Type", "application/json",
                "X-Hub-Signature-256", signature.replace('a', 'b')), body).statusCode()).isEqualTo(401);
    }

    @Test
    void crmTestPingsThroughTheWholePathForEveryBrand() {
        GATEWAY.crm(CrmKind.ZENDESK).stubFor(get(urlPathEqualTo("/api/v2/users/me.json")).willReturn(aResponse().withStatus(200).withBody("{\"user\":{}}")));
        GATEWAY.crm(CrmKind.FRESHDESK).stubFor(get(urlPathEqualTo("/api/v2/agents/me")).willReturn(aResponse().withStatus(401)
                .withBody("{\"code\":\"invalid_credentials\",\"message\":\"You have to be logged in to perform this action.\"}")));
        SalesforceApi.tokenEndpoint(GATEWAY.crm(CrmKind.SALESFORCE), GATEWAY.url(CrmKind.SALESFORCE), "00D5e!AQ0AQtoken");
        GATEWAY.crm(CrmKind.SALESFORCE).stubFor(get(urlPathEqualTo("/services/data/v60.0/limits")).willReturn(aResponse().withStatus(200).withBody("{}")));
        Map<String, String> expected = Map.of("zd", "ok", "sf", "ok", "fd", "crm_refused");
        for (String brand : List.of("zd", "sf", "fd")) {
            CrmPing.Request ping = CrmPing.of(GATEWAY.config().brand(brand), Clock.systemUTC(), new SecureRandom());
            HttpResponse<String> answer = GATEWAY.post(ping.path(), ping.headers(), ping.body());
            assertThat(answer.statusCode()).as(brand + ": " + answer.body()).isEqualTo(200);
            assertThat(json(answer).get("intake").asText()).isEqualTo("verified");
            assertThat(json(answer).get("api").asText()).as(brand).isEqualTo(expected.get(brand));
            assertThat(json(answer).at("/outbox/pending").isInt()).as(brand + ": the brand's reply lane").isTrue();
            assertThat(json(answer).at("/outbox/dead").isInt()).isTrue();
        }
    }

    @Test
    void theVeilCrmTestCommandExitsZeroWhenSignatureAndApiCheckOut() {
        GATEWAY.crm(CrmKind.ZENDESK).stubFor(get(urlPathEqualTo("/api/v2/users/me.json")).willReturn(aResponse().withStatus(200).withBody("{\"user\":{}}")));
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = dev.veil.gateway.cli.VeilCommand.commandLine();
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(new java.io.StringWriter(), true));
        int code = cli.execute("crm", "test", "--brand", "zd", "--config", GATEWAY.configFile().toString(), "--url", GATEWAY.publicUrl().toString());
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).startsWith("200 ").contains("\"api\":\"ok\"");
    }

    @Test
    void theLogNeverHoldsTheCustomersData() {
        zendesk();
        assertThat(GATEWAY.log().text()).doesNotContain("dana.whitfield").doesNotContain("4111 1111").doesNotContain(CrmGatewayExtension.SF_TOKEN);
    }

    // --- helpers

    private static JsonNode claimAndRead(String expert, String ticket) {
        String token = GATEWAY.expertToken(expert);
        HttpResponse<String> claim = GATEWAY.call("POST", "/v1/tickets/" + ticket + "/claim", token, null);
        assertThat(claim.statusCode()).as(claim.body()).isIn(200, 409);
        HttpResponse<String> read = GATEWAY.call("GET", "/v1/tickets/" + ticket, token, null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        return json(read).get("document");
    }

    private static void reply(String expert, String ticket, String text) {
        HttpResponse<String> reply = GATEWAY.call("POST", "/v1/tickets/" + ticket + "/reply", GATEWAY.expertToken(expert),
                dev.veil.gateway.server.Json.object().put("text", text).toString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
        assertThat(json(reply).get("tokensRevealed").asInt()).isEqualTo(1);
    }

    /** The Veil ticket id of a CRM ticket, through the admin API's lookup of the expert's offers. */
    private static String ticketOf(String brand, String crmId) {
        return GATEWAY.gateway().core().tickets().find(brand, crmId).orElseThrow();
    }

    private static String token(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("a token " + regex + " in " + text).isTrue();
        return m.group();
    }

    private static LoggedRequest await(WireMockServer server, java.util.function.Supplier<List<LoggedRequest>> requests) {
        LoggedRequest[] found = new LoggedRequest[1];
        VeilServerExtension.await("the reply at the CRM", Duration.ofSeconds(15), () -> {
            List<LoggedRequest> all = requests.get();
            found[0] = all.isEmpty() ? null : all.get(all.size() - 1);
            return found[0] != null;
        });
        return found[0];
    }
}
