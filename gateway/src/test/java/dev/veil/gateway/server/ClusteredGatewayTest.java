package dev.veil.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.gateway.config.StoresConfig;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.store.pg.EmbeddedPg;
import dev.veil.gateway.store.pg.PgConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two real gateways with {@code stores: {kind: postgres}} on one database, as two nodes behind a
 * load balancer: a ticket taken in by one is offered and claimed on the other, a webhook replayed
 * to the other node is answered as the first time, and one claim wins across nodes.
 */
class ClusteredGatewayTest {

    @RegisterExtension
    static final VeilServerExtension SETUP = VeilServerExtension.configOnly();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoNodesShareTicketsWebhookIdsAndClaims() throws Exception {
        PgConfig pg = EmbeddedPg.freshSchema("gateway");
        VeilConfig base = SETUP.config();
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logs, true, StandardCharsets.UTF_8);
        try (Gateway a = Gateway.start(base.withStores(StoresConfig.postgres(pg, "node-a")), Clock.systemUTC(), log);
                Gateway b = Gateway.start(base.withStores(StoresConfig.postgres(pg.withMigrateOnStart(true), "node-b")), Clock.systemUTC(), log)) {
            URI aPublic = URI.create("http://127.0.0.1:" + a.port("public"));
            URI bPublic = URI.create("http://127.0.0.1:" + b.port("public"));
            URI aAdmin = URI.create("http://127.0.0.1:" + a.port("admin"));
            SETUP.registerExpert(aAdmin, "exp-a", 5);
            SETUP.registerExpert(aAdmin, "exp-b", 5);

            String webhookId = "msg_" + UUID.randomUUID();
            byte[] body = E2eTickets.bytes(E2eTickets.example("zendesk-en", E2eTickets.freshCrmId("acme")));
            HttpResponse<String> taken = SETUP.signedPost(aPublic, "/v1/brands/acme/tickets", "acme", webhookId, body);
            assertThat(taken.statusCode()).as(taken.body()).isEqualTo(202);
            String ticket = JSON.readTree(taken.body()).get("ticket").asText();

            HttpResponse<String> replay = SETUP.signedPost(bPublic, "/v1/brands/acme/tickets", "acme", webhookId, body);
            assertThat(replay.statusCode()).isEqualTo(202);
            assertThat(replay.headers().firstValue("Veil-Replayed")).hasValue("true");
            assertThat(JSON.readTree(replay.body()).get("ticket").asText()).isEqualTo(ticket);

            // node b learns of the ticket (and the experts) through the change feed
            JsonNode offers = awaitOffer(bPublic, "exp-b", ticket);
            assertThat(offers.toString()).contains(ticket);

            HttpResponse<String> onB = SETUP.call(bPublic, "POST", "/v1/tickets/" + ticket + "/claim", SETUP.expertToken("exp-b"), null);
            HttpResponse<String> onA = SETUP.call(aPublic, "POST", "/v1/tickets/" + ticket + "/claim", SETUP.expertToken("exp-a"), null);
            assertThat(onB.statusCode()).as(onB.body()).isEqualTo(200);
            assertThat(onA.statusCode()).as(onA.body()).isEqualTo(409);

            HttpResponse<String> view = SETUP.call(aPublic, "GET", "/v1/tickets/" + ticket, SETUP.expertToken("exp-b"), null);
            assertThat(view.statusCode()).as("the view sealed by node a, read for the claimant on node a").isEqualTo(200);
        }
        // whole values: a bare "4111" also matches a random port such as 41115 in a log line
        assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain("4111 1111 1111 1111", "4111111111111111", "dana.whitfield@example.com");
    }

    private static JsonNode awaitOffer(URI node, String expert, String ticket) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = SETUP.call(node, "GET", "/v1/offers?limit=100", SETUP.expertToken(expert), null);
            last = JSON.readTree(r.body());
            if (r.statusCode() == 200 && r.body().contains(ticket)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the other node never offered the ticket: " + last);
    }
}
