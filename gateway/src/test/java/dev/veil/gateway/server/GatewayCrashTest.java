package dev.veil.gateway.server;

import static dev.veil.gateway.server.VeilServerExtension.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.http.NettyLeaks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.veil.tokenizer.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway's durability promise at the HTTP level: a ticket answered 202 survives a SIGKILL.
 * A child JVM runs the gateway from a veil.yaml; two senders post signed tickets while the parent
 * kills the child right after the Nth 202; a new child on the same data directory must offer every
 * acknowledged ticket and answer a replay of each acknowledged webhook-id with the same ticket id.
 */
@Timeout(90)
@ExtendWith(NettyLeaks.class)
class GatewayCrashTest {

    @RegisterExtension
    static final VeilServerExtension SETUP = VeilServerExtension.configOnly();

    private static final int ACKNOWLEDGED_BEFORE_KILL = 24;
    private static final String EXPERT = "exp-crash";

    private record Acked(String webhookId, byte[] body, String ticket) {}

    @Test
    void everyAcknowledgedTicketSurvivesAKillAndItsWebhookIdStillReplays() throws Exception {
        try (ChildJvm first = start(1)) {
            crashAndRestart(first);
        }
    }

    private void crashAndRestart(ChildJvm first) throws Exception {
        int[] ports = ports(first);
        URI publicUrl = URI.create("http://127.0.0.1:" + ports[0]);
        SETUP.registerExpert(URI.create("http://127.0.0.1:" + ports[1]), EXPERT, 100);

        List<Acked> acked = new CopyOnWriteArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            senders.add(CompletableFuture.runAsync(() -> {
                while (!killed.get()) {
                    String webhookId = "msg_" + UUID.randomUUID();
                    byte[] body = E2eTickets.bytes(E2eTickets.example("zendesk-en", E2eTickets.freshCrmId("acme")));
                    HttpResponse<String> response;
                    try {
                        response = SETUP.signedPost(publicUrl, "/v1/brands/acme/tickets", "acme", webhookId, body);
                    } catch (RuntimeException connectionLost) {
                        return; // the child is gone: this request was never acknowledged
                    }
                    if (response.statusCode() != 202) {
                        throw new AssertionError(response.statusCode() + " " + response.body());
                    }
                    acked.add(new Acked(webhookId, body, json(response).get("ticket").asText()));
                    if (acked.size() >= ACKNOWLEDGED_BEFORE_KILL && killed.compareAndSet(false, true)) {
                        kill(first); // SIGKILL right after a 202, the other sender mid-request
                    }
                }
            }));
        }
        CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(killed).as("killed after the acknowledgements, not ended").isTrue();
        assertThat(acked.size()).isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

        try (ChildJvm second = start(2)) { // on the same data directory, now that the first is dead
            int[] again = ports(second);
            URI restarted = URI.create("http://127.0.0.1:" + again[0]);
            List<String> offered = new ArrayList<>();
            HttpResponse<String> offers = SETUP.call(restarted, "GET", "/v1/offers?limit=100", SETUP.expertToken(EXPERT), null);
            assertThat(offers.statusCode()).as(offers.body()).isEqualTo(200);
            json(offers).get("offers").forEach(offer -> offered.add(offer.get("ticketId").asText()));
            List<String> tickets = acked.stream().map(Acked::ticket).toList();
            assertThat(offered).as("acknowledged tickets on offer after the restart").containsAll(tickets);

            for (Acked a : acked) {
                HttpResponse<String> replay = SETUP.signedPost(restarted, "/v1/brands/acme/tickets", "acme", a.webhookId(), a.body());
                assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
                assertThat(replay.headers().firstValue("Veil-Replayed")).as(a.webhookId()).hasValue("true");
                assertThat(json(replay).get("ticket").asText()).isEqualTo(a.ticket());
            }
            HttpResponse<String> offersAfter = SETUP.call(restarted, "GET", "/v1/offers?limit=100", SETUP.expertToken(EXPERT), null);
            assertThat(json(offersAfter).get("offers").size()).as("replays stored nothing new").isEqualTo(offered.size());
        }
    }

    /** A gateway child on the shared config and data directory. */
    private static ChildJvm start(int n) throws IOException {
        return ChildJvm.start(GatewayMain.class, SETUP.directory().resolve("gateway-" + n + ".err"), SETUP.configFile().toString());
    }

    private static void kill(ChildJvm child) {
        try {
            child.killAndDrain();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("could not kill the gateway child", e);
        }
    }

    /** The ports the child prints once it listens; bounded, so a child that hangs fails the test. */
    private static int[] ports(ChildJvm child) throws Exception {
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return child.readLines(1).get(0);
            } catch (IOException | InterruptedException e) {
                throw new AssertionError("the gateway child did not start", e);
            }
        }).get(90, TimeUnit.SECONDS);
        if (!line.startsWith("PORTS ")) {
            throw new AssertionError("the gateway did not start: " + line);
        }
        String[] parts = line.split(" ");
        return new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }
}
