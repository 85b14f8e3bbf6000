package dev.veil.gateway.routing.store;

import static dev.veil.gateway.routing.store.RoutingWriterMain.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.routing.StoreSnapshot;
import dev.veil.gateway.routing.model.ClaimResult;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.model.ExpertView;
import dev.veil.gateway.routing.model.LedgerEntry;
import dev.veil.gateway.routing.model.ResolutionRecord;
import dev.veil.gateway.routing.model.TicketRecord;
import dev.veil.gateway.routing.store.RoutingWriterMain.Finish;
import dev.veil.tokenizer.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a routing process with SIGKILL and checks that every claim, release, resolution and ledger
 * entry it acknowledged is there after a restart, as the token store's crash test does for tokens.
 *
 * <p>What this can and cannot catch: a SIGKILL loses what the process held in memory, never what it
 * had handed to the kernel. So these tests fail if an operation is acknowledged before its batch is
 * committed (an MVStore change that is only in memory is lost with the process: with
 * {@code runDurably} replaced by plain map writes and no commit, the first test finds the
 * acknowledged claims and resolutions missing, and the second finds none of its tickets). They cannot
 * tell a commit that was forced to the device from one still in the page cache: only a power cut
 * loses those. That {@code fsync} is there by construction, since {@link MvRoutingStore} writes only
 * through {@code DurableMvStore.runDurably}, whose every commit is followed by {@code sync()}
 * before it returns (see DurableMvStoreTest and the class's documentation).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RoutingStoreCrashTest {

    @TempDir
    Path dir;

    @Test
    void everyOperationAcknowledgedBeforeAKillSurvivesIt() throws Exception {
        Path file = dir.resolve("routing.mv.db");
        List<Line> acknowledged = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            // one routing thread, then four, whose concurrent operations share commits
            try (ChildJvm writer = start("load-" + round, "load", file.toString(), Integer.toString(round),
                    Integer.toString(round == 0 ? 1 : 4))) {
                acknowledged.addAll(parse(writer.readLines(120)));
                // SIGKILL, most likely in the middle of an operation; through the handle, which unlike
                // Process.destroyForcibly leaves the pipe open for what the writer printed before dying
                acknowledged.addAll(parse(writer.killAndDrain())); // what it printed up to its death counts too
            }
        }

        StoreSnapshot stored;
        try (MvRoutingStore store = MvRoutingStore.open(file)) {
            stored = store.load();
        }
        Map<String, TicketRecord> tickets = stored.tickets().stream()
                .collect(Collectors.toMap(t -> t.attributes().ticketId(), Function.identity()));
        Map<String, ResolutionRecord> resolutions = stored.resolutions().stream()
                .collect(Collectors.toMap(r -> r.attributes().ticketId(), Function.identity()));
        Map<String, List<LedgerEntry>> earnings = stored.ledger().stream()
                .filter(e -> e.kind() == LedgerEntry.Kind.EARNING)
                .collect(Collectors.groupingBy(LedgerEntry::ticketId));

        Map<String, Line> lastByTicket = new HashMap<>();
        Map<String, Long> lastTicketOfThread = new HashMap<>();
        for (Line line : acknowledged) {
            lastByTicket.merge(line.ticket(), line, (a, b) -> a.stage() >= b.stage() ? a : b);
            lastTicketOfThread.merge(line.threadKey(), line.n(), Math::max);
        }
        assertThat(lastByTicket).hasSizeGreaterThan(80);
        int resolved = 0;
        for (Line line : lastByTicket.values()) {
            // the thread's newest ticket may be one step further on: that step may have been
            // committed and the process killed before it could print it
            boolean newest = line.n() == lastTicketOfThread.get(line.threadKey());
            State expected = line.state();
            State next = newest ? line.nextState() : expected;
            State actual = State.of(line, tickets.get(line.ticket()), resolutions.get(line.ticket()),
                    earnings.getOrDefault(line.ticket(), List.of()));
            assertThat(actual).as("%s after acknowledged %s", line.ticket(), line.step()).isIn(expected, next);
            resolved += actual == State.RESOLVED ? 1 : 0;
        }
        assertThat(resolved).as("resolutions and ledger entries checked").isGreaterThan(15);

        // and the service rebuilt from the file agrees: every stored claim holds one slot
        Map<String, Long> claimsByExpert = stored.tickets().stream().filter(t -> t.claim() != null)
                .collect(Collectors.groupingBy(t -> t.claim().expertId(), Collectors.counting()));
        try (RoutingService routing = RoutingService.open(RoutingWriterMain.config(), MvRoutingStore.open(file),
                new MutableClock(START))) {
            for (Line line : acknowledged) {
                ExpertView expert = routing.expert(line.expert()).orElseThrow();
                assertThat((long) expert.slotsInUse()).as(line.expert())
                        .isEqualTo(claimsByExpert.getOrDefault(line.expert(), 0L));
            }
        }
    }

    @Test
    void everyKindOfRecordSurvivesAKillAndRestoresTheService() throws Exception {
        Path file = dir.resolve("routing.mv.db");
        try (ChildJvm writer = start("scenario", "scenario", file.toString())) {
            assertThat(writer.readLines(1)).containsExactly("ready");
            writer.killAndDrain(); // no close, so nothing is committed on the way out
        }

        MutableClock clock = new MutableClock(START);
        clock.advance(Duration.ofSeconds(30));
        try (RoutingService routing = RoutingService.open(RoutingWriterMain.config(), MvRoutingStore.open(file), clock)) {
            TicketRecord open = routing.ticket("open").orElseThrow();
            assertThat(open.attributes().requiredSkills()).isEqualTo(Map.of("billing", 2));
            assertThat(open.attributes().priority()).isEqualTo(7);
            assertThat(open.enqueuedAt()).isEqualTo(START);
            TicketRecord held = routing.ticket("held").orElseThrow();
            assertThat(held.claim().expertId()).isEqualTo("ann");
            assertThat(held.claim().deadline()).isEqualTo(START.plus(Duration.ofMinutes(10)));
            assertThat(held.claim().surgeBps()).isEqualTo(15_000);

            ExpertView ann = routing.expert("ann").orElseThrow();
            assertThat(ann.online()).isTrue();
            assertThat(ann.slotsInUse()).as("held claim + pending push offer").isEqualTo(2);
            assertThat(ann.counters().claims()).isEqualTo(2);
            assertThat(ann.counters().resolutions()).isEqualTo(1);
            assertThat(ann.rating().count()).isEqualTo(1);
            assertThat(ann.rating().sum()).isEqualTo(40);
            assertThat(routing.offers("ann", 10)).extracting(o -> o.ticketId()).as("rating gate closed for acme")
                    .containsExactly("pushed");

            List<LedgerEntry> ledger = routing.ledger().entries();
            assertThat(ledger).hasSize(1);
            assertThat(ledger.get(0).ticketId()).isEqualTo("paid");
            assertThat(ledger.get(0).amountMinor()).isEqualTo(750);

            // Claim and push deadlines still fire after the restart.
            clock.advance(Duration.ofMinutes(9).plusSeconds(30));
            assertThat(routing.tick().claimsExpired()).isEqualTo(1);
            assertThat(routing.ticket("pushed").orElseThrow().offer()).isNull();
            assertThat(routing.ticket("held").orElseThrow().claim()).isNull();
            ClaimResult bob = routing.claim("bob", "held");
            assertThat(bob.won()).isTrue();

            // Reopen after restart still claws back: the resolution was stored.
            assertThat(routing.reopened("paid")).isEqualTo(EventResult.APPLIED);
            assertThat(routing.ledger().balance("ann")).isEqualTo(Map.of("USD", 0L));
        }

        try (RoutingService routing = RoutingService.open(RoutingWriterMain.config(), MvRoutingStore.open(file), clock)) {
            assertThat(routing.ledger().entries()).hasSize(2);
            assertThat(routing.ticket("held").orElseThrow().claim().expertId()).isEqualTo("bob");
            assertThat(routing.ticket("held").orElseThrow().cooldowns()).containsKey("ann");
            assertThat(routing.ticket("paid")).isPresent();
            assertThat(routing.expert("ann").orElseThrow().counters().timeouts()).isEqualTo(2);
            assertThat(routing.expert("ann").orElseThrow().slotsInUse()).isZero();
        }
    }

    @Test
    void aStoreInUseByAnotherProcessIsRefusedClearly() throws Exception {
        Path file = dir.resolve("routing.mv.db");
        try (ChildJvm writer = start("scenario", "scenario", file.toString())) {
            writer.readLines(1);

            assertThatThrownBy(() -> MvRoutingStore.open(file))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("in use by another process");
        }
    }

    /** Where a load thread's ticket is, as far as the file tells. */
    enum State {
        ABSENT, WAITING, CLAIMED, RESOLVED, INCONSISTENT;

        static State of(Line line, TicketRecord ticket, ResolutionRecord resolution, List<LedgerEntry> earnings) {
            if (ticket == null && resolution == null) {
                return earnings.isEmpty() ? ABSENT : INCONSISTENT;
            }
            if (ticket == null) {
                boolean paid = earnings.size() == 1 && earnings.get(0).expertId().equals(line.expert())
                        && earnings.get(0).amountMinor() == 700 && earnings.get(0).seq() == resolution.earningSeq();
                return paid && resolution.expertId().equals(line.expert()) ? RESOLVED : INCONSISTENT;
            }
            if (resolution != null || !earnings.isEmpty()) {
                return INCONSISTENT;
            }
            if (ticket.claim() == null) {
                return WAITING;
            }
            return ticket.claim().expertId().equals(line.expert()) ? CLAIMED : INCONSISTENT;
        }
    }

    /** One acknowledged step: {@code <step> <ticket> <expert> <thread> <n>}. */
    record Line(String step, String ticket, String expert, String thread, long n) {

        static Line parse(String text) {
            String[] f = text.split(" ");
            return new Line(f[0], f[1], f[2], f[3], Long.parseLong(f[4]));
        }

        String threadKey() {
            return expert; // one expert per thread and round
        }

        int stage() {
            return switch (step) {
                case "submitted" -> 1;
                case "claimed" -> 2;
                default -> 3;
            };
        }

        State state() {
            return switch (step) {
                case "submitted", "released" -> State.WAITING;
                case "claimed" -> State.CLAIMED;
                case "resolved" -> State.RESOLVED;
                default -> throw new IllegalArgumentException(step);
            };
        }

        /** The state after the step that follows this one for this ticket, if any. */
        State nextState() {
            return switch (step) {
                case "submitted" -> State.CLAIMED;
                case "claimed" -> switch (Finish.of(n)) {
                    case RELEASE -> State.WAITING;
                    case RESOLVE -> State.RESOLVED;
                    case KEEP -> State.CLAIMED;
                };
                default -> state();
            };
        }
    }

    private ChildJvm start(String name, String... args) throws IOException {
        return ChildJvm.start(RoutingWriterMain.class, dir.resolve(name + ".err"), args);
    }

    private static List<Line> parse(List<String> lines) {
        return lines.stream().map(Line::parse).toList();
    }
}
