package dev.veil.gateway.routing.store;

import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.config.RoutingMode;
import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.gateway.routing.config.SurgeRule;
import dev.veil.gateway.routing.model.ClaimResult;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.model.ExpertProfile;
import dev.veil.gateway.routing.model.Outcome;
import dev.veil.gateway.routing.model.SubmitResult;
import dev.veil.gateway.routing.model.TicketAttributes;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A child process for {@link RoutingStoreCrashTest}: routes tickets on an {@link MvRoutingStore}
 * and prints a line for each operation only after the service returned, that is after the store
 * acknowledged it, until it is killed. The clock stands still, so no claim lapses in between.
 *
 * <p>Arguments: {@code scenario FILE} runs a fixed story, prints {@code ready} and waits;
 * {@code load FILE ROUND THREADS} makes each thread submit, claim and then release, resolve or
 * keep ticket after ticket, printing {@code <step> <ticket> <expert> <thread> <n>}.
 */
public final class RoutingWriterMain {

    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    static final Instant EXPIRY = Instant.parse("2027-01-01T00:00:00Z");
    /** A thread keeps its first claims of this many tickets, then stops keeping (capacity is 100). */
    static final int KEPT_UNTIL = 240;

    private RoutingWriterMain() {}

    /** The configuration both the child and the test use. */
    static RoutingConfig config() {
        return RoutingConfig.of(Map.of(
                "acme", RoutingSettings.builder().basePayMinor(500).claimTtl(Duration.ofMinutes(10))
                        .surge(List.of(SurgeRule.depth(2, 15_000))).minRatings(1).build(),
                "hub", RoutingSettings.builder().mode(RoutingMode.PUSH).offerTimeout(Duration.ofMinutes(1)).build(),
                "load", RoutingSettings.builder().basePayMinor(700).claimTtl(Duration.ofMinutes(10))
                        .widening(List.of()).build()));
    }

    /** What a load thread does with its ticket number {@code n} once claimed. */
    enum Finish {
        RELEASE, RESOLVE, KEEP;

        static Finish of(long n) {
            return switch ((int) (n % 3)) {
                case 0 -> RELEASE;
                case 1 -> RESOLVE;
                default -> n < KEPT_UNTIL ? KEEP : RELEASE;
            };
        }
    }

    public static void main(String[] args) throws InterruptedException {
        // a thread that fails ends the process, so the test sees the writer die rather than wait
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            e.printStackTrace();
            Runtime.getRuntime().halt(3);
        });
        Clock clock = Clock.fixed(START, ZoneOffset.UTC);
        RoutingService routing = RoutingService.open(config(), MvRoutingStore.open(Path.of(args[1])), clock);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        if (args[0].equals("scenario")) {
            scenario(routing);
            out.println("ready");
            out.flush();
            Thread.currentThread().join(); // wait for the kill, without closing the store
        } else {
            load(routing, Integer.parseInt(args[2]), Integer.parseInt(args[3]), out);
        }
    }

    /** Claims, a push offer, a paid resolution and a rating: every kind of record. */
    private static void scenario(RoutingService routing) {
        routing.upsertExpert(ExpertProfile.builder("ann").certify("acme", EXPIRY).certify("hub", EXPIRY)
                .language("en").skill("billing", 3).capacity(4).build());
        routing.upsertExpert(ExpertProfile.builder("bob").certify("acme", EXPIRY).language("en").build());
        routing.setOnline("ann", true);
        routing.setOnline("bob", true);
        routing.submit(TicketAttributes.builder("open", "acme").require("billing", 2).priority(7).build());
        routing.submit(TicketAttributes.builder("held", "acme").build());
        routing.submit(TicketAttributes.builder("paid", "acme").build());
        require(routing.claim("ann", "held").claim().surgeBps() == 15_000, "surge on held");
        require(routing.claim("ann", "paid").won(), "ann claims paid");
        require(routing.resolved("paid", Outcome.ACCEPTED) == EventResult.APPLIED, "paid resolved");
        require(routing.csat("paid", 40, false) == EventResult.APPLIED, "paid rated");
        routing.submit(TicketAttributes.builder("pushed", "hub").build());
        require(routing.ticket("pushed").orElseThrow().offer().expertId().equals("ann"), "pushed offered to ann");
    }

    private static void load(RoutingService routing, int round, int threads, PrintStream out) {
        for (int t = 0; t < threads; t++) {
            String expert = "r" + round + "e" + t;
            routing.upsertExpert(ExpertProfile.builder(expert).certify("load", EXPIRY).language("en").capacity(100).build());
            routing.setOnline(expert, true);
            int thread = t;
            new Thread(() -> {
                for (long n = 0; ; n++) {
                    String ticket = "r" + round + "t" + thread + "-" + n;
                    require(routing.submit(TicketAttributes.builder(ticket, "load").build()) == SubmitResult.QUEUED, ticket);
                    print(out, "submitted", ticket, expert, thread, n);
                    ClaimResult claim = routing.claim(expert, ticket);
                    require(claim.won(), "claim of " + ticket);
                    print(out, "claimed", ticket, expert, thread, n);
                    switch (Finish.of(n)) {
                        case RELEASE -> {
                            require(routing.release(expert, ticket) == EventResult.APPLIED, "release of " + ticket);
                            print(out, "released", ticket, expert, thread, n);
                        }
                        case RESOLVE -> {
                            require(routing.resolved(ticket, Outcome.ACCEPTED) == EventResult.APPLIED, "resolution of " + ticket);
                            print(out, "resolved", ticket, expert, thread, n);
                        }
                        case KEEP -> {
                        }
                    }
                }
            }).start();
        }
    }

    private static void print(PrintStream out, String step, String ticket, String expert, int thread, long n) {
        synchronized (out) {
            out.println(step + " " + ticket + " " + expert + " " + thread + " " + n);
            out.flush();
        }
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("unexpected result: " + what);
        }
    }
}
