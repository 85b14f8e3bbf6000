package dev.veil.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.policy.compile.CompiledProfile;
import dev.veil.gateway.store.CrashRounds;
import dev.veil.gateway.store.StoredTicket;
import dev.veil.gateway.store.TicketView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a process delivering tickets into the one embedded store file ({@link IntakeWriterMain}):
 * an acknowledged ticket has all its parts (its vaulted tokens, its views, its routing record and,
 * when delivered as a webhook, its idempotency answer) after a restart, and an unacknowledged one
 * has at most a prefix of them in that order: never a ticket without its tokens, a routing record
 * without its ticket, or an answer without both.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IntakeCrashTest {

    @TempDir
    Path dir;

    @Test
    void acknowledgedWebhooksHaveAllFourPartsAndOthersNoTicketWithoutItsTokens() throws Exception {
        CrashRounds rounds = CrashRounds.create(dir, CoreFixtures::createKeys);
        Deliveries deliveries = new Deliveries();
        deliveries.add(rounds.killedRun(IntakeWriterMain.class, 60, IntakeCrashTest::startsADelivery, dir.resolve("data").toString(), "500000", "3", "webhook"));
        assertThat(deliveries.acked).as("acknowledged before the kill").hasSizeGreaterThanOrEqualTo(10);
        assertThat(deliveries.started.size()).as("deliveries under way when killed").isGreaterThan(deliveries.acked.size());
        check(rounds, deliveries, true);
    }

    @Test
    void everyTicketAcceptedByIntakeAloneSurvivesTwoKillsWithItsTokensViewsAndRoutingState() throws Exception {
        CrashRounds rounds = CrashRounds.create(dir, CoreFixtures::createKeys);
        Deliveries deliveries = new Deliveries();
        for (int round = 0; round < 2; round++) { // the second writer opens the file the first was killed on
            deliveries.add(rounds.killedRun(IntakeWriterMain.class, 30, IntakeCrashTest::startsADelivery, dir.resolve("data").toString(),
                    Long.toString(80_000L + round * 10_000L), "1", "intake"));
        }
        assertThat(deliveries.acked).hasSizeGreaterThanOrEqualTo(30);
        check(rounds, deliveries, false);
    }

    /**
     * The writer's line before a delivery: killed right after one, the writer is inside that
     * delivery (it waits for a commit), whatever the other threads are doing.
     */
    private static boolean startsADelivery(String line) {
        return line.startsWith("START ");
    }

    /** What the writers printed: each delivery's CRM id by webhook id, and the Veil id of each acknowledged one. */
    private static final class Deliveries {
        final Map<String, String> started = new LinkedHashMap<>(); // webhook id -> CRM id
        final Map<String, String> acked = new LinkedHashMap<>();   // webhook id -> Veil ticket id

        void add(List<String[]> lines) {
            for (String[] p : lines) {
                if (p[0].equals("START") && p.length == 3) {
                    started.put(p[2], p[1]);
                } else if (p[0].equals("ACK") && p.length == 4) {
                    acked.put(p[3], p[1]);
                }
            }
        }
    }

    private void check(CrashRounds rounds, Deliveries deliveries, boolean webhooks) throws Exception {
        Path data = dir.resolve("data");
        assertThat(Files.list(data).map(f -> f.getFileName().toString()).toList()).as("one store file").contains("veil.mv.db")
                .noneMatch(name -> name.equals("tokens.mv.db") || name.equals("tickets.mv.db"));
        try (GatewayCore core = CoreFixtures.core(data, rounds.keys(), Clock.systemUTC()).build()) {
            Pattern vaulted = vaultedTokens(core);
            for (Map.Entry<String, String> delivery : deliveries.started.entrySet()) {
                String webhookId = delivery.getKey();
                String crmId = delivery.getValue();
                Optional<String> ticketId = core.tickets().find("acme", crmId);
                Optional<StoredTicket> ticket = ticketId.flatMap(core.tickets()::get);
                boolean routed = ticketId.flatMap(id -> core.routing().ticket(id)).isPresent();
                var answer = core.idempotency().find("acme", webhookId);
                if (deliveries.acked.containsKey(webhookId)) {
                    String id = deliveries.acked.get(webhookId);
                    assertThat(ticketId).as("acknowledged CRM ticket %s", crmId).contains(id);
                    assertThat(ticket.orElseThrow().views()).containsKeys("", "senior");
                    assertThat(routed).as("routing record of %s", id).isTrue();
                    if (webhooks) {
                        assertThat(answer).as("idempotency answer of %s", webhookId).isPresent();
                        assertThat(new String(answer.get().body(), StandardCharsets.UTF_8)).isEqualTo(id);
                    }
                }
                if (ticket.isPresent()) {
                    List<String> tokens = tokens(vaulted, ticket.get());
                    assertThat(tokens).as("vaulted tokens in the views of %s", crmId).isNotEmpty();
                    for (String token : tokens) {
                        assertThat(core.tokenStore().get(token)).as("a token named by a stored view of %s", crmId).isPresent();
                    }
                } else {
                    assertThat(routed).as("a routing record without its ticket (%s)", crmId).isFalse();
                }
                if (answer.isPresent()) {
                    assertThat(ticket).as("an answer without its ticket (%s)", webhookId).isPresent();
                    assertThat(routed).as("an answer without its routing record (%s)", webhookId).isTrue();
                }
            }
        }
        assertThat(CoreFixtures.leaksInFiles(data)).isEmpty();
    }

    /** The shape of the acme policy's vaulted (prefixed, reversible) tokens. */
    private static Pattern vaultedTokens(GatewayCore core) {
        List<String> prefixes = new ArrayList<>();
        for (CompiledProfile p : core.policies().get("acme").current().profiles().values()) {
            if (p.reversible() && p.prefix() != null) {
                prefixes.add(Pattern.quote(p.prefix()));
            }
        }
        assertThat(prefixes).as("the example policy vaults some tokens").isNotEmpty();
        return Pattern.compile("(?:" + String.join("|", prefixes) + ")[0-9A-Za-z]{22}");
    }

    private static List<String> tokens(Pattern vaulted, StoredTicket ticket) {
        List<String> found = new ArrayList<>();
        for (TicketView view : ticket.views().values()) {
            Matcher m = vaulted.matcher(view.json());
            while (m.find()) {
                found.add(m.group());
            }
        }
        return found;
    }
}
