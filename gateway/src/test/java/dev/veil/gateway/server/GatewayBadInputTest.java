package dev.veil.gateway.server;

import static dev.veil.gateway.server.VeilServerExtension.error;
import static dev.veil.gateway.server.VeilServerExtension.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.auth.SharedSecret;
import dev.veil.gateway.http.NettyLeaks;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every limit and bad input on the real gateway: each answer's status and JSON error code, and
 * that nothing was stored (no ticket under the CRM id, the queues and an expert's offers as they were).
 */
@Timeout(60)
@ExtendWith(NettyLeaks.class)
class GatewayBadInputTest {

    @RegisterExtension
    static final VeilServerExtension SERVER = VeilServerExtension.running();

    private static final String PROBE = "exp-probe";
    private static final String PATH = "/v1/brands/acme/tickets";

    @BeforeAll
    static void experts() {
        SERVER.registerExpert(PROBE, 1);
        SERVER.registerExpert("exp-holder", 2);
        SERVER.registerExpert("exp-other", 2);
        // one stored ticket, so "unchanged" is measured against a non-empty store
        assertThat(SERVER.sendTicket("acme", E2eTickets.bytes(E2eTickets.example("zendesk-en", E2eTickets.freshCrmId("acme")))).statusCode())
                .isEqualTo(202);
    }

    /** The state a refused intake must leave as it was. */
    private record Stored(List<String> offers, int queued) {
        static Stored now() {
            return new Stored(SERVER.offers(PROBE), SERVER.queuedTickets());
        }
    }

    private static void assertNothingStored(Stored before, String crmId) {
        assertThat(SERVER.gateway().core().tickets().find("acme", crmId)).as("ticket stored under the CRM id").isEmpty();
        assertThat(Stored.now()).isEqualTo(before);
    }

    private static ObjectNode ticket(String crmId) {
        return E2eTickets.example("zendesk-en", crmId);
    }

    @Test
    void badJsonIs400AndItsAnswerIsReplayedForTheSameWebhookId() {
        Stored before = Stored.now();
        String crmId = E2eTickets.freshCrmId("acme");
        String id = "msg_" + UUID.randomUUID();
        byte[] broken = ("{\"ticket\": {\"id\": " + crmId + ", \"subject\": \"Charged twice\"").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> first = SERVER.signedPost(PATH, "acme", id, broken);
        String code = error(first, 400);
        assertThat(code).isEqualTo("invalid_json");
        assertNothingStored(before, crmId);
        // the CRM's retry under the same id is answered from the first call, even with a good body
        HttpResponse<String> retry = SERVER.signedPost(PATH, "acme", id, E2eTickets.bytes(ticket(crmId)));
        assertThat(error(retry, 400)).isEqualTo(code);
        assertThat(retry.headers().firstValue("Veil-Replayed")).hasValue("true");
        assertNothingStored(before, crmId);
    }

    @Test
    void aWrongSignatureIs401BadSignature() {
        Stored before = Stored.now();
        String crmId = E2eTickets.freshCrmId("acme");
        byte[] body = E2eTickets.bytes(ticket(crmId));
        SharedSecret other = SharedSecret.generate(new SecureRandom());
        Map<String, String> headers = StandardWebhooks.of(List.of(other), Clock.systemUTC()).sign("msg_" + UUID.randomUUID(), body);
        assertThat(error(SERVER.post(SERVER.publicUrl(), PATH, headers, body), 401)).isEqualTo("bad_signature");
        // another brand's secret does not sign for acme either
        Map<String, String> globex = StandardWebhooks.of(List.of(SERVER.webhookSecret("globex")), Clock.systemUTC())
                .sign("msg_" + UUID.randomUUID(), body);
        assertThat(error(SERVER.post(SERVER.publicUrl(), PATH, globex, body), 401)).isEqualTo("bad_signature");
        // a body changed after signing
        Map<String, String> signed = StandardWebhooks.of(List.of(SERVER.webhookSecret("acme")), Clock.systemUTC())
                .sign("msg_" + UUID.randomUUID(), body);
        byte[] tampered = E2eTickets.bytes(ticket(crmId).put("tampered", true));
        assertThat(error(SERVER.post(SERVER.publicUrl(), PATH, signed, tampered), 401)).isEqualTo("bad_signature");
        assertThat(error(SERVER.post(SERVER.publicUrl(), PATH, Map.of(), body), 401)).isEqualTo("missing_signature");
        assertNothingStored(before, crmId);
    }

    @Test
    void aTimestampMoreThanFiveMinutesOffIs401StaleTimestamp() {
        Stored before = Stored.now();
        String crmId = E2eTickets.freshCrmId("acme");
        byte[] body = E2eTickets.bytes(ticket(crmId));
        for (Duration offset : List.of(Duration.ofMinutes(-6), Duration.ofMinutes(6))) {
            Map<String, String> headers = StandardWebhooks.of(List.of(SERVER.webhookSecret("acme")),
                    Clock.offset(Clock.systemUTC(), offset)).sign("msg_" + UUID.randomUUID(), body);
            assertThat(error(SERVER.post(SERVER.publicUrl(), PATH, headers, body), 401)).as(offset.toString()).isEqualTo("stale_timestamp");
        }
        assertNothingStored(before, crmId);
    }

    @Test
    void aReplayedWebhookIdStoresNothingNew() {
        String crmId = E2eTickets.freshCrmId("acme");
        String id = "msg_" + UUID.randomUUID();
        HttpResponse<String> first = SERVER.signedPost(PATH, "acme", id, E2eTickets.bytes(ticket(crmId)));
        assertThat(first.statusCode()).isEqualTo(202);
        Stored before = Stored.now();
        String otherCrmId = E2eTickets.freshCrmId("acme");
        HttpResponse<String> replay = SERVER.signedPost(PATH, "acme", id, E2eTickets.bytes(ticket(otherCrmId)));
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(replay.headers().firstValue("Veil-Replayed")).hasValue("true");
        assertThat(json(replay).get("ticket").asText()).isEqualTo(json(first).get("ticket").asText());
        assertNothingStored(before, otherCrmId);
    }

    @Test
    void anUnknownBrandIs404() {
        Stored before = Stored.now();
        String crmId = E2eTickets.freshCrmId("acme");
        byte[] body = E2eTickets.bytes(ticket(crmId));
        Map<String, String> headers = StandardWebhooks.of(List.of(SERVER.webhookSecret("acme")), Clock.systemUTC())
                .sign("msg_" + UUID.randomUUID(), body);
        assertThat(error(SERVER.post(SERVER.publicUrl(), "/v1/brands/nosuch/tickets", headers, body), 404)).isEqualTo("unknown_brand");
        assertThat(error(SERVER.post(SERVER.publicUrl(), "/v1/brands/nosuch/detokenize", headers, body), 404)).isEqualTo("unknown_brand");
        assertNothingStored(before, crmId);
    }

    @Test
    void aBodyOverMaxBodyBytesIs413() {
        Stored before = Stored.now();
        String crmId = E2eTickets.freshCrmId("acme");
        ObjectNode big = ticket(crmId);
        ((ObjectNode) big.get("ticket")).put("description", "x".repeat((int) VeilServerExtension.MAX_BODY_BYTES));
        byte[] body = E2eTickets.bytes(big);
        assertThat(body.length).isGreaterThan((int) VeilServerExtension.MAX_BODY_BYTES);
        assertThat(error(SERVER.signedPost(PATH, "acme", "msg_" + UUID.randomUUID(), body), 413)).isEqualTo("body_too_large");
        assertNothingStored(before, crmId);
    }

    @Test
    void jsonDeeperThanTheLimitIs400() {
        Stored before = Stored.now();
        String crmId = E2eTickets.freshCrmId("acme");
        ObjectNode deep = ticket(crmId);
        ObjectNode at = (ObjectNode) deep.get("ticket");
        for (int i = 0; i < VeilServerExtension.MAX_JSON_DEPTH + 5; i++) {
            at = at.putObject("nested");
        }
        at.put("leaf", 1);
        HttpResponse<String> response = SERVER.signedPost(PATH, "acme", "msg_" + UUID.randomUUID(), E2eTickets.bytes(deep));
        assertThat(error(response, 400)).isEqualTo("too_deep");
        assertNothingStored(before, crmId);
    }

    @Test
    void duplicateKeysAre400() {
        Stored before = Stored.now();
        String crmId = E2eTickets.freshCrmId("acme");
        String text = new String(E2eTickets.bytes(ticket(crmId)), StandardCharsets.UTF_8)
                .replaceFirst("\\{\"ticket\":\\{", "{\"ticket\":{\"status\":\"closed\",");
        assertThat(text).contains("\"status\":\"closed\"").contains("\"status\":\"open\"");
        HttpResponse<String> response = SERVER.signedPost(PATH, "acme", "msg_" + UUID.randomUUID(), text.getBytes(StandardCharsets.UTF_8));
        assertThat(error(response, 400)).isEqualTo("duplicate_key");
        assertNothingStored(before, crmId);
    }

    @Test
    void expertAndEventBodiesWithDuplicateOrBadMembersAre400AndChangeNothing() {
        String ticket = json(SERVER.sendTicket("acme", E2eTickets.bytes(ticket(E2eTickets.freshCrmId("acme"))))).get("ticket").asText();
        String holder = SERVER.expertToken("exp-holder");
        assertThat(SERVER.call("POST", "/v1/tickets/" + ticket + "/claim", holder, null).statusCode()).isEqualTo(200);
        int replies = SERVER.crmRequests("acme").size();
        String reply = "/v1/tickets/" + ticket + "/reply";
        assertThat(error(SERVER.call("POST", reply, holder, "{\"text\": \"ok\", \"text\": \"other\"}"), 400)).isEqualTo("duplicate_key");
        assertThat(error(SERVER.call("POST", reply, holder, "{\"text\": \"ok\""), 400)).isEqualTo("invalid_json");
        assertThat(error(SERVER.call("POST", reply, holder, "[\"ok\"]"), 400)).isEqualTo("invalid_json");
        assertThat(error(SERVER.call("POST", reply, holder, "{\"text\": 5}"), 400)).isEqualTo("bad_request");
        assertThat(error(SERVER.call("POST", reply, holder, "{\"a\":".repeat(40) + "1" + "}".repeat(40)), 400))
                .isEqualTo("too_deep");
        assertThat(SERVER.gateway().core().outbox().depth().pending()).isZero();
        assertThat(SERVER.crmRequests("acme")).hasSize(replies);

        String events = "/v1/brands/acme/tickets/" + ticket + "/events";
        byte[] duplicate = "{\"type\": \"csat\", \"score\": 10, \"type\": \"resolved\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(error(SERVER.signedPost(events, "acme", "msg_" + UUID.randomUUID(), duplicate), 400)).isEqualTo("duplicate_key");
        byte[] unknown = "{\"type\": \"escalated\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(error(SERVER.signedPost(events, "acme", "msg_" + UUID.randomUUID(), unknown), 400)).isEqualTo("invalid_event");
        assertThat(SERVER.gateway().core().routing().expert("exp-holder").orElseThrow().counters().resolutions()).isZero();
        // the holder still holds it: no event resolved it
        assertThat(SERVER.call("GET", "/v1/tickets/" + ticket, holder, null).statusCode()).isEqualTo(200);
    }

    @Test
    void missingExpiredAndWrongAudienceJwtsAre401AndClaimNothing() {
        String ticket = json(SERVER.sendTicket("acme", E2eTickets.bytes(ticket(E2eTickets.freshCrmId("acme"))))).get("ticket").asText();
        Instant now = Instant.now();
        String expired = SERVER.token(SERVER.claims("exp-other", now.minusSeconds(3600))
                .expirationTime(Date.from(now.minusSeconds(1200))).build());
        String wrongAudience = SERVER.token(SERVER.claims("exp-other", now).audience("not-veil").build());
        String wrongIssuer = SERVER.token(SERVER.claims("exp-other", now).issuer("https://evil.example/").build());
        String claim = "/v1/tickets/" + ticket + "/claim";
        assertThat(error(SERVER.call("POST", claim, null, null), 401)).isEqualTo("missing_token");
        assertThat(error(SERVER.call("POST", claim, expired, null), 401)).isEqualTo("invalid_token");
        assertThat(error(SERVER.call("POST", claim, wrongAudience, null), 401)).isEqualTo("invalid_token");
        assertThat(error(SERVER.call("POST", claim, wrongIssuer, null), 401)).isEqualTo("invalid_token");
        assertThat(error(SERVER.call("POST", claim, SERVER.expertToken("exp-other") + "x", null), 401)).isEqualTo("invalid_token");
        assertThat(error(SERVER.call("GET", "/v1/offers", expired, null), 401)).isEqualTo("invalid_token");
        assertThat(error(SERVER.call("GET", "/v1/tickets/" + ticket, wrongAudience, null), 401)).isEqualTo("invalid_token");
        // an expert JWT is no admin credential; a JWT from the same issuer with the admin scope is
        assertThat(error(SERVER.call(SERVER.adminUrl(), "GET", "/v1/admin/queues", SERVER.expertToken("exp-other"), null), 403))
                .isEqualTo("insufficient_scope");
        assertThat(SERVER.call(SERVER.adminUrl(), "GET", "/v1/admin/queues", SERVER.adminJwt(), null).statusCode()).isEqualTo(200);
        // the keys came from the identity provider's JWKS (WireMock), not from anything local
        assertThat(SERVER.jwks().findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/.well-known/jwks.json")))).isNotEmpty();
        // nothing was claimed: the ticket is still on offer and its view is nobody's
        assertThat(SERVER.offers("exp-other")).contains(ticket);
        assertThat(SERVER.gateway().core().routing().expert("exp-other").orElseThrow().counters().claims()).isZero();
    }

    @Test
    void anExpertCannotReadATicketTheyDoNotHold() {
        String ticket = json(SERVER.sendTicket("acme", E2eTickets.bytes(ticket(E2eTickets.freshCrmId("acme"))))).get("ticket").asText();
        assertThat(error(SERVER.call("GET", "/v1/tickets/" + ticket, SERVER.expertToken("exp-other"), null), 403)).isEqualTo("not_claimant");
        assertThat(SERVER.call("POST", "/v1/tickets/" + ticket + "/claim", SERVER.expertToken("exp-holder"), null).statusCode()).isEqualTo(200);
        HttpResponse<String> other = SERVER.call("GET", "/v1/tickets/" + ticket, SERVER.expertToken("exp-other"), null);
        assertThat(error(other, 403)).isEqualTo("not_claimant");
        assertThat(error(SERVER.call("POST", "/v1/tickets/" + ticket + "/reply", SERVER.expertToken("exp-other"),
                "{\"text\": \"hello\"}"), 403)).isEqualTo("not_claimant");
        int replies = SERVER.crmRequests("acme").size();
        assertThat(SERVER.call("GET", "/v1/tickets/" + ticket, SERVER.expertToken("exp-holder"), null).statusCode()).isEqualTo(200);
        assertThat(SERVER.crmRequests("acme")).hasSize(replies);
    }

    /**
     * Reads what the server sent until it closed. A byte trickled in after the server's answer and
     * close is answered with a reset: the kernel hands out what arrived before the reset first, then
     * reports the reset instead of the end.
     */
    private static void readUntilClosed(InputStream in, ByteArrayOutputStream answer) throws java.io.IOException {
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // the answer, if it came, is in answer already: the assertions check it
        }
    }

    @Test
    void headersSentSlowlyAre408() throws Exception {
        Stored before = Stored.now();
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", SERVER.gateway().port("public"))) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // one header byte at a time, until the server answers and closes; bounded by the test timeout
            byte[] trickle = "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes(StandardCharsets.US_ASCII);
            socket.setSoTimeout(250);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            for (int i = 0; i < trickle.length; i++) {
                try {
                    out.write(trickle[i]);
                    out.flush();
                } catch (java.io.IOException closed) {
                    socket.setSoTimeout(5_000);
                    readUntilClosed(in, answer);
                    break;
                }
                try {
                    int n = in.read();
                    if (n < 0) {
                        break;
                    }
                    answer.write(n);
                    readUntilClosed(in, answer);
                    break;
                } catch (SocketTimeoutException stillWaiting) {
                    // the server has not answered yet: send the next byte
                }
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            assertThat(text).startsWith("HTTP/1.1 408");
            assertThat(json(text.substring(text.indexOf("\r\n\r\n") + 4)).get("error").asText()).isEqualTo("request_timeout");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(VeilServerExtension.REQUEST_TIMEOUT.minusMillis(100));
        assertThat(Stored.now()).isEqualTo(before);
    }
}
