package dev.veil.gateway.server;

import static dev.veil.gateway.server.VeilServerExtension.error;
import static dev.veil.gateway.server.VeilServerExtension.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.veil.gateway.auth.AuthException;
import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.core.CoreFixtures;
import dev.veil.gateway.http.NettyLeaks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole ticket lifecycle over real HTTP on the real gateway, for every example ticket (three CRM shapes, English and Spanish). */
@Timeout(60)
@ExtendWith(NettyLeaks.class)
class GatewayLifecycleTest {

    @RegisterExtension
    static final VeilServerExtension SERVER = VeilServerExtension.running();

    private static final String REPLY = "Thanks for waiting, the duplicate charge is refunded. "
            + "If anything else comes up write to refunds.desk@example.org or quote card 4012 8888 8888 1881.";

    @ParameterizedTest
    @ValueSource(strings = {"zendesk-en", "zendesk-es", "salesforce-en", "salesforce-es", "freshdesk-en", "freshdesk-es"})
    void aTicketGoesFromIntakeToResolutionAndTheCrmGetsTheSignedReply(String name) {
        String brand = VeilServerExtension.TICKETS.get(name);
        String expert = "exp-" + name;
        String rival = "rival-" + name;
        SERVER.registerExpert(expert, 3);
        SERVER.registerExpert(rival, 3);
        String elsewhere = "elsewhere-" + name;
        SERVER.registerExpert(SERVER.adminUrl(), elsewhere, 3,
                VeilServerExtension.BRANDS.stream().filter(b -> !b.equals(brand)).toList());

        HttpResponse<String> intake = SERVER.sendTicket(brand, E2eTickets.bytes(E2eTickets.example(name, E2eTickets.freshCrmId(brand))));
        assertThat(intake.statusCode()).as(intake.body()).isEqualTo(202);
        assertThat(intake.headers().firstValue("Veil-Replayed")).isEmpty();
        String ticket = json(intake).get("ticket").asText();
        assertThat(json(intake).get("created").asBoolean()).isTrue();
        assertThat(json(intake).get("version").asInt()).isEqualTo(1);

        assertThat(SERVER.offers(expert)).contains(ticket);
        assertThat(SERVER.offers(elsewhere)).as("not certified for " + brand).doesNotContain(ticket);
        assertThat(error(SERVER.call("POST", "/v1/tickets/" + ticket + "/claim", SERVER.expertToken(elsewhere), null), 403))
                .isEqualTo("not_eligible");
        HttpResponse<String> claim = SERVER.call("POST", "/v1/tickets/" + ticket + "/claim", SERVER.expertToken(expert), null);
        assertThat(claim.statusCode()).as(claim.body()).isEqualTo(200);
        assertThat(error(SERVER.call("POST", "/v1/tickets/" + ticket + "/claim", SERVER.expertToken(rival), null), 409))
                .isEqualTo("claim_conflict");
        assertThat(SERVER.offers(rival)).doesNotContain(ticket);

        HttpResponse<String> view = SERVER.call("GET", "/v1/tickets/" + ticket, SERVER.expertToken(expert), null);
        assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
        assertThat(json(view).get("ticket").asText()).isEqualTo(ticket);
        assertThat(json(view).get("brand").asText()).isEqualTo(brand);
        assertThat(json(view).get("document").isObject()).isTrue();
        assertThat(CoreFixtures.leaks(view.body())).as("seeded PII in the expert's view").isEmpty();

        HttpResponse<String> reply = SERVER.call("POST", "/v1/tickets/" + ticket + "/reply", SERVER.expertToken(expert),
                "{\"text\": \"" + REPLY + "\"}");
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
        assertThat(reply.body()).doesNotContain("refunds.desk@example.org").doesNotContain("4012 8888 8888 1881");
        JsonNode receipt = json(reply);
        String messageId = receipt.get("messageId").asText();
        assertThat(receipt.get("replaced").get("EMAIL").asInt()).isEqualTo(1);
        assertThat(receipt.get("replaced").get("CARD_NUMBER").asInt()).isEqualTo(1);

        LoggedRequest delivered = awaitDelivery(brand, messageId);
        StandardWebhooks crm = StandardWebhooks.of(List.of(SERVER.crmSecret(brand)), Clock.systemUTC());
        assertThat(crm.verify(delivered.getHeader("webhook-id"), delivered.getHeader("webhook-timestamp"),
                delivered.getHeader("webhook-signature"), delivered.getBody()).id()).isEqualTo(messageId);
        String otherBrand = brand.equals("acme") ? "globex" : "acme";
        assertThatThrownBy(() -> StandardWebhooks.of(List.of(SERVER.crmSecret(otherBrand)), Clock.systemUTC())
                .verify(delivered.getHeader("webhook-id"), delivered.getHeader("webhook-timestamp"),
                        delivered.getHeader("webhook-signature"), delivered.getBody()))
                .as("signed with %s's CRM secret, not %s's", brand, otherBrand).isInstanceOf(AuthException.class);
        JsonNode payload = json(delivered.getBodyAsString());
        assertThat(payload.get("ticket").asText()).isEqualTo(ticket);
        assertThat(payload.get("expert").asText()).isEqualTo(expert);
        assertThat(payload.get("body").asText()).contains("the duplicate charge is refunded");

        assertThat(event(brand, ticket, "{\"type\": \"resolved\", \"outcome\": \"accepted\"}")).isEqualTo("applied");
        assertThat(event(brand, ticket, "{\"type\": \"csat\", \"score\": 90}")).isEqualTo("applied");

        HttpResponse<String> me = SERVER.call("GET", "/v1/me", SERVER.expertToken(expert), null);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonNode summary = json(me);
        assertThat(summary.get("expertId").asText()).isEqualTo(expert);
        assertThat(summary.get("counters").get("claims").asLong()).isEqualTo(1);
        assertThat(summary.get("counters").get("resolutions").asLong()).isEqualTo(1);
        assertThat(summary.get("rating").get("count").asInt()).isEqualTo(1);
        assertThat(summary.get("rating").get("sum").asLong()).isEqualTo(90);
        assertThat(summary.get("holding").asInt()).isZero();
        assertThat(summary.get("earningsMinor").size()).as(me.body()).isEqualTo(1);
    }

    @Test
    void aReplyWithPiiIsRefusedWholeWhenThePolicySaysRefuse() {
        String expert = "exp-refuse";
        SERVER.registerExpert(expert, 2);
        String ticket = json(SERVER.sendTicket("hooli", E2eTickets.bytes(E2eTickets.example("zendesk-en", E2eTickets.freshCrmId("hooli")))))
                .get("ticket").asText();
        assertThat(SERVER.call("POST", "/v1/tickets/" + ticket + "/claim", SERVER.expertToken(expert), null).statusCode()).isEqualTo(200);
        int before = SERVER.crmRequests("hooli").size();

        HttpResponse<String> refused = SERVER.call("POST", "/v1/tickets/" + ticket + "/reply", SERVER.expertToken(expert),
                "{\"text\": \"" + REPLY + "\"}");
        assertThat(error(refused, 422)).isEqualTo("reply_contains_pii");
        assertThat(refused.body()).doesNotContain("refunds.desk@example.org").doesNotContain("4012");
        HttpResponse<String> clean = SERVER.call("POST", "/v1/tickets/" + ticket + "/reply", SERVER.expertToken(expert),
                "{\"text\": \"The duplicate charge is refunded.\"}");
        assertThat(clean.statusCode()).as(clean.body()).isEqualTo(202);
        awaitDelivery("hooli", json(clean).get("messageId").asText());
        assertThat(SERVER.crmRequests("hooli")).hasSize(before + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zendesk-en", "salesforce-es", "freshdesk-en"})
    void theSameCrmTicketSentAgainIsAnUpdateTheClaimantSees(String name) {
        String brand = VeilServerExtension.TICKETS.get(name);
        String shape = E2eTickets.shape(brand);
        String expert = "exp-update-" + name;
        SERVER.registerExpert(expert, 2);
        String crmId = E2eTickets.freshCrmId(brand);
        ObjectNode first = E2eTickets.example(name, crmId);
        String ticket = json(SERVER.sendTicket(brand, E2eTickets.bytes(first))).get("ticket").asText();
        assertThat(SERVER.call("POST", "/v1/tickets/" + ticket + "/claim", SERVER.expertToken(expert), null).statusCode()).isEqualTo(200);
        String marker = "Update: the second charge is still pending, reference ZX-" + crmId.length() + "-4411";
        assertThat(SERVER.call("GET", "/v1/tickets/" + ticket, SERVER.expertToken(expert), null).body()).doesNotContain(marker);

        HttpResponse<String> update = SERVER.sendTicket(brand, E2eTickets.bytes(E2eTickets.addComment(first.deepCopy(), shape, marker)));
        assertThat(update.statusCode()).as(update.body()).isEqualTo(202);
        assertThat(json(update).get("ticket").asText()).isEqualTo(ticket);
        assertThat(json(update).get("created").asBoolean()).isFalse();
        assertThat(json(update).get("version").asInt()).isEqualTo(2);

        HttpResponse<String> view = SERVER.call("GET", "/v1/tickets/" + ticket, SERVER.expertToken(expert), null);
        assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
        assertThat(json(view).get("version").asInt()).isEqualTo(2);
        assertThat(view.body()).contains(marker);
        assertThat(CoreFixtures.leaks(view.body())).isEmpty();
    }

    @Test
    void aReplayedWebhookIdGetsTheFirstAnswerAndStoresNothingNew() {
        String expert = "exp-replay";
        SERVER.registerExpert(expert, 1);
        String crmId = E2eTickets.freshCrmId("acme");
        String webhookId = "msg_" + UUID.randomUUID();
        byte[] body = E2eTickets.bytes(E2eTickets.example("zendesk-en", crmId));
        HttpResponse<String> first = SERVER.signedPost("/v1/brands/acme/tickets", "acme", webhookId, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        String ticket = json(first).get("ticket").asText();
        List<String> offers = SERVER.offers(expert);
        int queued = SERVER.queuedTickets();

        // the same id with a different body (another CRM ticket): answered from the first call, nothing stored
        String otherCrmId = E2eTickets.freshCrmId("acme");
        HttpResponse<String> replay = SERVER.signedPost("/v1/brands/acme/tickets", "acme", webhookId,
                E2eTickets.bytes(E2eTickets.example("zendesk-en", otherCrmId)));
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(replay.headers().firstValue("Veil-Replayed")).hasValue("true");
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(SERVER.offers(expert)).isEqualTo(offers);
        assertThat(SERVER.queuedTickets()).isEqualTo(queued);
        assertThat(SERVER.gateway().core().tickets().find("acme", otherCrmId)).isEmpty();
        assertThat(SERVER.gateway().core().tickets().find("acme", crmId)).hasValue(ticket);
        assertThat(SERVER.gateway().core().tickets().get(ticket).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void detokenizeRevealsTheBrandsTokensOnceAndARepeatedWebhookIdIsRefused() {
        String expert = "exp-detok";
        SERVER.registerExpert(expert, 1);
        String ticket = json(SERVER.sendTicket("acme", E2eTickets.bytes(E2eTickets.example("zendesk-en", E2eTickets.freshCrmId("acme")))))
                .get("ticket").asText();
        assertThat(SERVER.call("POST", "/v1/tickets/" + ticket + "/claim", SERVER.expertToken(expert), null).statusCode()).isEqualTo(200);
        JsonNode view = json(SERVER.call("GET", "/v1/tickets/" + ticket, SERVER.expertToken(expert), null));
        String email = view.at("/document/requester/email").asText();
        assertThat(email).as(view.toString()).startsWith("ctc_");
        Matcher card = Pattern.compile("[0-9]{12}1111").matcher(view.at("/document/payment/card_number").asText());
        assertThat(card.matches()).as(view.toString()).isTrue();

        String webhookId = "msg_" + UUID.randomUUID();
        String neverIssued = "9999999999991111"; // card-shaped, but no profile recorded a version for it
        byte[] body = ("{\"tokens\": [\"" + email + "\", \"" + card.group() + "\", \"ctc_doesnotexist0000\", \"" + neverIssued + "\"]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> revealed = SERVER.signedPost("/v1/brands/acme/detokenize", "acme", webhookId, body);
        assertThat(revealed.statusCode()).as(revealed.body()).isEqualTo(200);
        JsonNode values = json(revealed).get("values");
        assertThat(values.path(email).asText()).as(revealed.body()).isEqualTo("dana.whitfield@example.com");
        // a format-preserving card token is found through its profile's key version index
        assertThat(values.path(card.group()).asText()).as(revealed.body()).isEqualTo("4111111111111111");
        // tokens nobody issued are unresolved, never turned into a plausible value
        assertThat(json(revealed).get("unresolved").toString()).contains("ctc_doesnotexist0000").contains(neverIssued);
        assertThat(values.has(neverIssued)).isFalse();

        HttpResponse<String> again = SERVER.signedPost("/v1/brands/acme/detokenize", "acme", webhookId, body);
        assertThat(error(again, 409)).isEqualTo("replayed");
        assertThat(again.body()).doesNotContain("dana.whitfield@example.com").doesNotContain("4111111111111111");
        // a token the expert quotes in a reply reaches the CRM as its value (the reveal rule for crm)
        HttpResponse<String> reply = SERVER.call("POST", "/v1/tickets/" + ticket + "/reply", SERVER.expertToken(expert),
                "{\"text\": \"We will write to " + email + " once the refund is through.\"}");
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
        assertThat(json(reply).get("tokensRevealed").asInt()).isEqualTo(1);
        assertThat(reply.body()).doesNotContain("dana.whitfield@example.com");
        assertThat(awaitDelivery("acme", json(reply).get("messageId").asText()).getBodyAsString()).contains("dana.whitfield@example.com");
        // another brand's secret and path: the tokens are acme's, not globex's
        HttpResponse<String> foreign = SERVER.signedPost("/v1/brands/globex/detokenize", "globex", "msg_" + UUID.randomUUID(), body);
        assertThat(foreign.body()).doesNotContain("dana.whitfield@example.com").doesNotContain("4111111111111111");
    }

    private static String event(String brand, String ticket, String body) {
        HttpResponse<String> response = SERVER.signedPost("/v1/brands/" + brand + "/tickets/" + ticket + "/events", brand,
                "msg_" + UUID.randomUUID(), body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("result").asText();
    }

    static LoggedRequest awaitDelivery(String brand, String messageId) {
        return SERVER.awaitCrmDelivery(brand, messageId);
    }
}
