package dev.veil.gateway.server;

import static dev.veil.gateway.server.VeilServerExtension.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An expert's reply that quotes tokens is audited as {@code reply_reveal} on the real gateway: the
 * line names the expert, brand, ticket and tokens, shows in {@code GET /v1/admin/audit}, and holds
 * no value, neither in the answer nor in the audit file.
 */
@Timeout(60)
class ReplyRevealAuditTest {

    @RegisterExtension
    static final VeilServerExtension SERVER = VeilServerExtension.running();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALUE = "dana.whitfield@example.com";

    @Test
    void aReplyRevealingATokenShowsInTheAdminAuditWithExpertTicketAndTokenButNoValue() throws Exception {
        SERVER.registerExpert("exp-audit", 2);
        String expert = SERVER.expertToken("exp-audit");
        HttpResponse<String> intake = SERVER.sendTicket("acme", E2eTickets.bytes(E2eTickets.example("zendesk-en", E2eTickets.freshCrmId("acme"))));
        assertThat(intake.statusCode()).as(intake.body()).isEqualTo(202);
        String ticket = json(intake).get("ticket").asText();
        assertThat(SERVER.call("POST", "/v1/tickets/" + ticket + "/claim", expert, null).statusCode()).isEqualTo(200);
        String email = json(SERVER.call("GET", "/v1/tickets/" + ticket, expert, null)).at("/document/requester/email").asText();
        assertThat(email).startsWith("ctc_");

        HttpResponse<String> reply = SERVER.call("POST", "/v1/tickets/" + ticket + "/reply", expert,
                JSON.createObjectNode().put("text", "We will write to " + email + " once the refund is through.").toString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
        assertThat(json(reply).get("tokensRevealed").asInt()).isEqualTo(1);
        // the value did reach the CRM: this line audits a real reveal
        assertThat(SERVER.awaitCrmDelivery("acme", json(reply).get("messageId").asText()).getBodyAsString()).contains(VALUE);

        HttpResponse<String> listed = SERVER.admin("GET", "/v1/admin/audit?action=reply_reveal", null);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(VALUE);
        JsonNode entries = json(listed).get("entries");
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.get("actor").asText()).isEqualTo("expert");
        assertThat(entry.get("actor_id").asText()).isEqualTo("exp-audit");
        assertThat(entry.get("brand").asText()).isEqualTo("acme");
        assertThat(entry.get("ticket").asText()).isEqualTo(ticket);
        assertThat(entry.get("token_ids").toString()).isEqualTo("[\"" + email + "\"]");
        assertThat(entry.get("token_count").asInt()).isEqualTo(1);
        assertThat(entry.get("outcome").asText()).isEqualTo("allowed");
        assertThat(entry.get("ts").asText()).isNotBlank();

        // the console's "reveals only" query: both reveal actions at once, nothing else
        JsonNode reveals = json(SERVER.admin("GET", "/v1/admin/audit?action=detokenize,reply_reveal", null)).get("entries");
        assertThat(reveals.findValuesAsText("action")).containsExactly("reply_reveal");
        assertThat(VeilServerExtension.error(SERVER.admin("GET", "/v1/admin/audit?action=detokenize,DROP", null), 400)).isEqualTo("invalid_parameter");
        assertThat(VeilServerExtension.error(SERVER.admin("GET", "/v1/admin/audit?action=a,b,c,d,e,f,g,h,i", null), 400))
                .isEqualTo("invalid_parameter");

        // a reply quoting no token reveals nothing and adds no reply_reveal line
        String other = json(SERVER.sendTicket("acme", E2eTickets.bytes(E2eTickets.example("zendesk-en", E2eTickets.freshCrmId("acme")))))
                .get("ticket").asText();
        assertThat(SERVER.call("POST", "/v1/tickets/" + other + "/claim", expert, null).statusCode()).isEqualTo(200);
        assertThat(SERVER.call("POST", "/v1/tickets/" + other + "/reply", expert, "{\"text\": \"Done.\"}").statusCode()).isEqualTo(202);
        assertThat(json(SERVER.admin("GET", "/v1/admin/audit?action=reply_reveal", null)).get("entries")).hasSize(1);

        Path file = SERVER.dataDir().resolve("audit/audit.jsonl");
        String lines = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(lines).contains("\"action\":\"reply_reveal\"").contains(email).doesNotContain(VALUE);
    }
}
