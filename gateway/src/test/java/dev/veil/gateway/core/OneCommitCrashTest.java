package dev.veil.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.policy.compile.CompiledProfile;
import dev.veil.gateway.store.StoredTicket;
import dev.veil.gateway.store.TicketView;
import dev.veil.tokenizer.testing.ChildJvm;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
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
 * SIGKILLs a process delivering tickets from several threads into the one embedded store file: an
 * acknowledged ticket has all four parts (its vaulted tokens, its views, its routing record, its
 * idempotency answer) after a restart, and an unacknowledged one has at most a prefix of them in
 * that order: never a ticket without its tokens, a routing record without its ticket, or an answer
 * without both.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OneCommitCrashTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void acknowledgedTicketsHaveAllFourPartsAndOthersNoTicketWithoutItsTokens() throws Exception {
        Path keyring = dir.resolve("keyring");
        Path master = dir.resolve("master.key");
        MasterKey.generate(RANDOM).writeTo(master);
        CoreFixtures.createKeys(LocalKeyProvider.open(keyring, MasterKey.fromFile(master), RANDOM));
        Path data = dir.resolve("data");
        Map<String, String> started = new LinkedHashMap<>(); // webhook id -> CRM id
        Map<String, String> acked = new LinkedHashMap<>();   // webhook id -> Veil ticket id
        try (ChildJvm writer = ChildJvm.start(UnitWriterMain.class, dir.resolve("writer.err"), keyring.toString(), master.toString(),
                data.toString(), "500000", "3")) {
            List<String> lines = new ArrayList<>(writer.readLines(60));
            lines.addAll(writer.killAndDrain());
            for (String line : lines) {
                String[] p = line.split(" ");
                if (p[0].equals("START") && p.length == 3) { // the kill may cut the last line short
                    started.put(p[2], p[1]);
                } else if (p[0].equals("ACK") && p.length == 4) {
                    acked.put(p[3], p[1]);
                }
            }
        }
        assertThat(acked).as("acknowledged before the kill").hasSizeGreaterThanOrEqualTo(10);
        assertThat(started.size()).as("deliveries under way when killed").isGreaterThan(acked.size());
        assertThat(Files.list(data).map(f -> f.getFileName().toString()).toList()).as("one store file").contains("veil.mv.db")
                .noneMatch(name -> name.equals("tokens.mv.db") || name.equals("tickets.mv.db"));

        LocalKeyProvider keys = LocalKeyProvider.open(keyring, MasterKey.fromFile(master), RANDOM);
        try (GatewayCore core = CoreFixtures.core(data, keys, Clock.systemUTC()).build()) {
            Pattern vaulted = vaultedTokens(core);
            for (Map.Entry<String, String> delivery : started.entrySet()) {
                String webhookId = delivery.getKey();
                String crmId = delivery.getValue();
                Optional<String> ticketId = core.tickets().find("acme", crmId);
                Optional<StoredTicket> ticket = ticketId.flatMap(core.tickets()::get);
                boolean routed = ticketId.flatMap(id -> core.routing().ticket(id)).isPresent();
                var answer = core.idempotency().find("acme", webhookId);
                if (acked.containsKey(webhookId)) {
                    String id = acked.get(webhookId);
                    assertThat(ticketId).as("acknowledged CRM ticket %s", crmId).contains(id);
                    assertThat(ticket.orElseThrow().views()).containsKeys("", "senior");
                    assertThat(routed).as("routing record of %s", id).isTrue();
                    assertThat(answer).as("idempotency answer of %s", webhookId).isPresent();
                    assertThat(new String(answer.get().body(), StandardCharsets.UTF_8)).isEqualTo(id);
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
