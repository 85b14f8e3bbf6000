package dev.veil.gateway.server;

import static dev.veil.gateway.server.VeilServerExtension.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.core.CoreFixtures;
import dev.veil.gateway.http.NettyLeaks;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tickets full of known personal data go through every endpoint, error paths included; none of the
 * values may appear in what an expert receives, in any error body, in the JSON log and access log,
 * in {@code /metrics} or in any byte of any file under the data directory. (The CRM receiving
 * revealed values in replies is what the reveal rules allow; WireMock's copies are not checked.)
 */
@Timeout(60)
@ExtendWith(NettyLeaks.class)
class GatewayLeakTest {

    @RegisterExtension
    static final VeilServerExtension SERVER = VeilServerExtension.running();

    /** Synthetic values seeded on top of the examples' (CoreFixtures.SEEDED_PII): Luhn-valid test cards, IBANs, emails, phones, names, streets. */
    static final List<String> SYNTHETIC = List.of(
            "Oswaldo Pérez-Quintana", "Henrietta Lindqvist-Vasquez",
            "oswaldo.quintana@leakcheck.example", "h.lindqvist@leakcheck.example", "refund.me.please@leakcheck.example",
            "+1 202 555 0143", "+34 611 223 344",
            "4012888888881881", "5105 1051 0510 5100", "5105105105105100", "378282246310005", "6011 1111 1111 1117", "6011111111111117",
            "GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432", "DE89370400440532013000",
            "536-22-8140", "1428 Elm Street", "Calle Mayor 77");

    private static final List<String> ALL = Stream.concat(CoreFixtures.SEEDED_PII.stream(), SYNTHETIC.stream()).toList();

    /** Everything experts, CRMs (errors only) and operators got back, to be searched for the values. */
    private final List<String> seen = new ArrayList<>();

    @Test
    void noSeededValueLeavesThroughResponsesErrorsLogsMetricsOrFiles() throws Exception {
        SERVER.registerExpert("exp-leak", 10);
        SERVER.registerExpert("exp-nosy", 2);
        String expert = SERVER.expertToken("exp-leak");
        String nosy = SERVER.expertToken("exp-nosy");

        // intake: every example ticket and the synthetic one, plus an update carrying more values
        List<String> tickets = new ArrayList<>();
        for (Map.Entry<String, String> e : VeilServerExtension.TICKETS.entrySet()) {
            tickets.add(accepted(SERVER.sendTicket(e.getValue(), E2eTickets.bytes(E2eTickets.example(e.getKey(), E2eTickets.freshCrmId(e.getValue()))))));
        }
        String crmId = E2eTickets.freshCrmId("acme");
        ObjectNode synthetic = synthetic(crmId);
        String leakTicket = accepted(SERVER.sendTicket("acme", E2eTickets.bytes(synthetic)));
        tickets.add(leakTicket);
        E2eTickets.addComment(synthetic, "zendesk", "Update: new card 6011 1111 1111 1117, reach me at refund.me.please@leakcheck.example");
        assertThat(accepted(SERVER.sendTicket("acme", E2eTickets.bytes(synthetic)))).isEqualTo(leakTicket);
        String refusing = accepted(SERVER.sendTicket("hooli", E2eTickets.bytes(synthetic(E2eTickets.freshCrmId("hooli")))));

        // the expert's side, successful calls
        expertSees(SERVER.call("GET", "/v1/offers?limit=100", expert, null), 200);
        for (String ticket : tickets) {
            expertSees(SERVER.call("POST", "/v1/tickets/" + ticket + "/claim", expert, null), 200);
            expertSees(SERVER.call("GET", "/v1/tickets/" + ticket, expert, null), 200);
        }
        String pasted = "Refund sent to card 4012888888881881 and IBAN DE89370400440532013000; I also emailed "
                + "oswaldo.quintana@leakcheck.example and called +1 202 555 0143.";
        // quoting the requester's email token: revealed for the CRM, and audited as reply_reveal (token, never value)
        String quoted = json(SERVER.call("GET", "/v1/tickets/" + leakTicket, expert, null)).at("/document/requester/email").asText();
        assertThat(quoted).startsWith("ctc_");
        HttpResponse<String> reply = SERVER.call("POST", "/v1/tickets/" + leakTicket + "/reply", expert,
                "{\"text\": \"" + pasted + " Confirmation goes to " + quoted + ".\"}");
        expertSees(reply, 202);
        for (String ticket : tickets.subList(0, 3)) {
            expertSees(SERVER.call("POST", "/v1/tickets/" + ticket + "/reply", expert, "{\"text\": \"Done: " + pasted + "\"}"), 202);
        }
        expertSees(SERVER.call("POST", "/v1/tickets/" + tickets.get(4) + "/release", expert, null), 204);
        expertSees(SERVER.call("GET", "/v1/me", expert, null), 200);

        // the expert's side, refusals
        expertSees(SERVER.call("POST", "/v1/tickets/" + refusing + "/claim", expert, null), 200);
        expertSees(SERVER.call("POST", "/v1/tickets/" + refusing + "/reply", expert, "{\"text\": \"" + pasted + "\"}"), 422);
        expertSees(SERVER.call("GET", "/v1/tickets/" + leakTicket, nosy, null), 403);
        expertSees(SERVER.call("POST", "/v1/tickets/" + leakTicket + "/reply", nosy, "{\"text\": \"" + pasted + "\"}"), 403);
        expertSees(SERVER.call("POST", "/v1/tickets/" + leakTicket + "/claim", nosy, null), 409);
        expertSees(SERVER.call("GET", "/v1/tickets/" + enc("dana.whitfield@example.com"), expert, null), 403);
        expertSees(SERVER.call("POST", "/v1/tickets/" + enc("4012888888881881") + "/claim", expert, null), 404);
        expertSees(SERVER.call("GET", "/v1/offers?limit=" + enc("4012888888881881"), expert, null), 400);
        expertSees(SERVER.call("GET", "/v1/" + enc("oswaldo.quintana@leakcheck.example"), expert, null), 404);
        expertSees(SERVER.call("POST", "/v1/tickets/" + leakTicket + "/reply", expert, "{\"text\": 4012888888881881}"), 400);
        expertSees(SERVER.call("POST", "/v1/tickets/" + leakTicket + "/reply", expert,
                "{\"text\": \"card 378282246310005\", \"text\": \"IBAN GB82WEST12345698765432\"}"), 400);
        expertSees(SERVER.call("POST", "/v1/tickets/" + leakTicket + "/reply", expert, "{\"text\": \"h.lindqvist@leakcheck.example"), 400);
        expertSees(SERVER.call("GET", "/v1/me", forged("oswaldo.quintana@leakcheck.example"), null), 401);
        expertSees(SERVER.call("GET", "/v1/me", "4012888888881881", null), 401);

        // the CRM's side: every refusal carries values in its body, none may come back
        byte[] body = E2eTickets.bytes(synthetic(E2eTickets.freshCrmId("acme")));
        String text = new String(body, StandardCharsets.UTF_8);
        crmError(SERVER.signedPost("/v1/brands/acme/tickets", "acme", id(), text.substring(0, text.length() - 7).getBytes(StandardCharsets.UTF_8)), 400);
        crmError(SERVER.signedPost("/v1/brands/acme/tickets", "acme", id(),
                text.replaceFirst("\\{\"ticket\":\\{", "{\"ticket\":{\"subject\":\"card 4012888888881881\",").getBytes(StandardCharsets.UTF_8)), 400);
        crmError(SERVER.signedPost("/v1/brands/acme/tickets", "acme", id(), deep(synthetic(E2eTickets.freshCrmId("acme")))), 400);
        ObjectNode big = synthetic(E2eTickets.freshCrmId("acme"));
        ((ObjectNode) big.get("ticket")).put("description", "IBAN DE89370400440532013000 ".repeat(2000));
        crmError(SERVER.signedPost("/v1/brands/acme/tickets", "acme", id(), E2eTickets.bytes(big)), 413);
        Map<String, String> wrong = StandardWebhooks.of(List.of(SERVER.webhookSecret("globex")), Clock.systemUTC()).sign(id(), body);
        crmError(SERVER.post(SERVER.publicUrl(), "/v1/brands/acme/tickets", wrong, body), 401);
        Map<String, String> stale = StandardWebhooks.of(List.of(SERVER.webhookSecret("acme")),
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10))).sign(id(), body);
        crmError(SERVER.post(SERVER.publicUrl(), "/v1/brands/acme/tickets", stale, body), 401);
        crmError(SERVER.post(SERVER.publicUrl(), "/v1/brands/" + enc("dana.whitfield@example.com") + "/tickets", wrong, body), 404);
        crmError(SERVER.signedPost("/v1/brands/acme/tickets/" + leakTicket + "/events", "acme", id(),
                "{\"type\": \"oswaldo.quintana@leakcheck.example\"}".getBytes(StandardCharsets.UTF_8)), 400);
        crmError(SERVER.signedPost("/v1/brands/acme/tickets/" + leakTicket + "/events", "acme", id(),
                "{\"type\": \"csat\", \"score\": \"4012888888881881\"}".getBytes(StandardCharsets.UTF_8)), 400);
        crmError(SERVER.signedPost("/v1/brands/acme/detokenize", "acme", id(),
                "{\"tokens\": \"5105105105105100\"}".getBytes(StandardCharsets.UTF_8)), 400);
        crmError(SERVER.signedPost("/v1/brands/acme/detokenize", "acme", id(),
                "{\"tokens\": [5105105105105100]}".getBytes(StandardCharsets.UTF_8)), 400);
        String detokenizeId = id();
        byte[] detokenize = "{\"tokens\": [\"ctc_0000000000000000000000\"]}".getBytes(StandardCharsets.UTF_8);
        assertThat(SERVER.signedPost("/v1/brands/acme/detokenize", "acme", detokenizeId, detokenize).statusCode()).isEqualTo(200);
        crmError(SERVER.signedPost("/v1/brands/acme/detokenize", "acme", detokenizeId, detokenize), 409);
        assertThat(eventResult(leakTicket, "{\"type\": \"resolved\"}")).isEqualTo("applied");
        assertThat(eventResult(leakTicket, "{\"type\": \"csat\", \"score\": 80}")).isEqualTo("applied");

        // the operator's side
        operatorSees(SERVER.admin("GET", "/v1/admin/explain?ticket=" + leakTicket + "&expert=exp-nosy", null));
        operatorSees(SERVER.admin("GET", "/v1/admin/explain?ticket=" + enc("dana.whitfield@example.com") + "&expert=" + enc("4012888888881881"), null));
        operatorSees(SERVER.admin("PUT", "/v1/admin/experts/" + enc("h.lindqvist@leakcheck.example"),
                "{\"certifications\": \"oswaldo.quintana@leakcheck.example\"}"));
        operatorSees(SERVER.admin("GET", "/v1/admin/outbox", null));
        operatorSees(SERVER.admin("GET", "/v1/admin/ledger", null));
        operatorSees(SERVER.admin("GET", "/v1/admin/queues", null));
        HttpResponse<String> reveals = SERVER.admin("GET", "/v1/admin/audit?action=detokenize,reply_reveal", null);
        operatorSees(reveals);
        assertThat(reveals.body()).contains("\"reply_reveal\"").contains(quoted);

        // the replies reach the CRM (with revealed values, as the policy allows) before the stores are read
        SERVER.awaitCrmDelivery("acme", json(reply).get("messageId").asText());
        HttpResponse<String> metrics = SERVER.admin("GET", "/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("veil_");
        seen.add(metrics.body());

        assertThat(seen.stream().filter(answer -> !found(answer).isEmpty()).toList()).as("values in responses and error bodies").isEmpty();
        String log = SERVER.log().text();
        assertThat(SERVER.log().lines()).hasSizeGreaterThan(tickets.size());
        SERVER.log().lines().forEach(line -> assertThat(json(line).isObject()).as(line).isTrue());
        assertThat(found(log)).as("values in the JSON log and access log").isEmpty();

        SERVER.stopGateway();
        Path data = SERVER.dataDir();
        List<String> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(Files::isRegularFile).map(Path::toString).toList();
        }
        assertThat(files).as("the stores' one file and the audit log under " + data)
                .anyMatch(f -> f.endsWith("veil.mv.db")).anyMatch(f -> f.endsWith("audit.jsonl"));
        List<String> inFiles = new ArrayList<>();
        for (String file : files) {
            byte[] bytes = Files.readAllBytes(Path.of(file));
            for (String value : found(new String(bytes, StandardCharsets.UTF_8) + "\n" + new String(bytes, StandardCharsets.ISO_8859_1)
                    + "\n" + new String(bytes, StandardCharsets.UTF_16BE) + "\n" + new String(bytes, StandardCharsets.UTF_16LE))) {
                inFiles.add(value + " in " + data.relativize(Path.of(file)));
            }
        }
        assertThat(inFiles).as("values in files under the data directory").isEmpty();
    }

    /** The synthetic Zendesk ticket: every value of {@link #SYNTHETIC} in structured fields and free text. */
    static ObjectNode synthetic(String crmId) {
        ObjectNode ticket = E2eTickets.example("zendesk-en", crmId);
        ObjectNode t = (ObjectNode) ticket.get("ticket");
        t.put("subject", "Refund to GB82 WEST 1234 5698 7654 32 please");
        t.put("description", "Charged twice on 5105 1051 0510 5100 and on 378282246310005. Write to h.lindqvist@leakcheck.example "
                + "or call +34 611 223 344. IBAN DE89370400440532013000, SSN 536-22-8140.");
        ArrayNode comments = (ArrayNode) t.get("comments");
        ((ObjectNode) comments.get(0)).put("body", "Hi, my card 4012888888881881 was charged twice; email oswaldo.quintana@leakcheck.example, "
                + "phone +1 202 555 0143, IBAN GB82WEST12345698765432.");
        ObjectNode requester = (ObjectNode) ticket.get("requester");
        requester.put("name", "Oswaldo Pérez-Quintana").put("email", "oswaldo.quintana@leakcheck.example")
                .put("phone", "+1 202 555 0143");
        // requester.ssn stays the example's 123-45-6789: a sample number no detector flags, which the
        // comments quote and only the field's propagation replaces
        ((ObjectNode) ticket.get("payment")).put("card_number", "4012888888881881");
        ((ObjectNode) ticket.get("shipping_address")).put("name", "Henrietta Lindqvist-Vasquez").put("line1", "1428 Elm Street")
                .put("line2", "Calle Mayor 77");
        return ticket;
    }

    private static byte[] deep(ObjectNode ticket) {
        ObjectNode at = (ObjectNode) ticket.get("ticket");
        for (int i = 0; i < VeilServerExtension.MAX_JSON_DEPTH + 3; i++) {
            at = at.putObject("nested").put("card", "4012888888881881");
        }
        return E2eTickets.bytes(ticket);
    }

    private static String forged(String sub) throws Exception {
        var key = new RSAKeyGenerator(2048).keyID("forged").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("forged").build(),
                SERVER.claims(sub, Instant.now()).claim("email", sub).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private String accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        seen.add(response.body());
        return json(response).get("ticket").asText();
    }

    private void expertSees(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        seen.add(response.body());
        seen.add(response.headers().map().toString());
    }

    private void crmError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        assertThat(json(response).has("error")).as(response.body()).isTrue();
        seen.add(response.body());
        seen.add(response.headers().map().toString());
    }

    private void operatorSees(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isLessThan(500);
        seen.add(response.body());
    }

    private String eventResult(String ticket, String body) {
        HttpResponse<String> response = SERVER.signedPost("/v1/brands/acme/tickets/" + ticket + "/events", "acme", id(),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        seen.add(response.body());
        return json(response).get("result").asText();
    }

    private static String id() {
        return "msg_" + UUID.randomUUID();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The seeded values in {@code text}, also as digits only and URL-encoded. */
    static List<String> found(String text) {
        TreeSet<String> hits = new TreeSet<>();
        for (String value : ALL) {
            if (text.contains(value) || text.contains(enc(value))) {
                hits.add(value);
            }
            String digits = value.replaceAll("[^0-9]", "");
            if (digits.length() >= 12 && text.contains(digits)) {
                hits.add(value + " (digits)");
            }
        }
        return List.copyOf(hits);
    }
}
