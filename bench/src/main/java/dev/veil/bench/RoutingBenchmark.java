package dev.veil.bench;

import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.routing.RoutingStore;
import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.gateway.routing.model.ClaimResult;
import dev.veil.gateway.routing.model.ExpertProfile;
import dev.veil.gateway.routing.model.Offer;
import dev.veil.gateway.routing.model.TicketAttributes;
import dev.veil.gateway.routing.store.InMemoryRoutingStore;
import dev.veil.gateway.routing.store.MvRoutingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing at scale: 5,000 online experts and 100,000 open tickets over 10 brands, 4 languages
 * and 12 skills. Measures listing one expert's offers (page of 20) and a claim plus release,
 * in SampleTime mode so percentiles (p99) are reported. Baselines in the same run: a plain
 * ConcurrentHashMap lookup of a ticket, and a naive full-scan listing over only 10,000 tickets.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class RoutingBenchmark {

    static final int EXPERTS = 5_000;
    static final int TICKETS = 100_000;
    static final int NAIVE_TICKETS = 10_000;
    static final int PAGE = 20;
    static final List<String> LANGUAGES = List.of("en", "en", "en", "es", "de", "fr");

    /**
     * {@code memory}: in-memory store; {@code mvstore}: the embedded file store, committing every
     * operation; {@code postgres}: the clustered store on a PostgreSQL started for the run (the
     * pool is loaded into it, then the measured node starts from it as a node joining a cluster).
     */
    @Param({"memory", "mvstore", "postgres"})
    public String store;

    private RoutingService routing;
    private Path dir;
    private String[] expertIds;
    private String[] claimable;
    private final Map<String, TicketAttributes> ticketMap = new ConcurrentHashMap<>();
    private String[] ticketIds;
    private List<TicketAttributes> naiveTickets;
    private List<ExpertProfile> profiles;

    /** Per-thread position in the expert and ticket arrays. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Random random = new Random(7);
        Map<String, RoutingSettings> brands = new HashMap<>();
        for (int b = 0; b < 10; b++) {
            brands.put("b" + b, RoutingSettings.builder().basePayMinor(450).claimTtl(Duration.ofMinutes(15)).build());
        }
        Instant start = Instant.parse("2026-03-02T09:00:00Z");
        SteppingClock clock = new SteppingClock(start);
        RoutingStore s;
        if (store.equals("postgres")) {
            s = new InMemoryRoutingStore(); // seeded here, then copied to PostgreSQL below
        } else if (store.equals("mvstore")) {
            dir = Files.createTempDirectory("veil-routing-bench");
            s = MvRoutingStore.open(dir.resolve("routing.mv.db"));
        } else {
            s = new InMemoryRoutingStore();
        }
        routing = RoutingService.open(RoutingConfig.of(brands), s, clock);

        profiles = new ArrayList<>();
        expertIds = new String[EXPERTS];
        for (int e = 0; e < EXPERTS; e++) {
            ExpertProfile.Builder p = ExpertProfile.builder("x" + e).capacity(3);
            int firstBrand = random.nextInt(10);
            p.certify("b" + firstBrand, start.plus(Duration.ofDays(365)));
            p.certify("b" + ((firstBrand + 1 + random.nextInt(9)) % 10), start.plus(Duration.ofDays(365)));
            p.language(LANGUAGES.get(random.nextInt(LANGUAGES.size())));
            if (random.nextInt(3) == 0) {
                p.language("en");
            }
            for (int k = 0; k < 4; k++) {
                p.skill("s" + random.nextInt(12), 1 + random.nextInt(5));
            }
            ExpertProfile profile = p.build();
            profiles.add(profile);
            routing.upsertExpert(profile);
            routing.setOnline(profile.expertId(), true);
            expertIds[e] = profile.expertId();
        }
        ticketIds = new String[TICKETS];
        naiveTickets = new ArrayList<>();
        for (int t = 0; t < TICKETS; t++) {
            TicketAttributes.Builder a = TicketAttributes.builder("T" + t, "b" + random.nextInt(10))
                    .language(LANGUAGES.get(random.nextInt(LANGUAGES.size())))
                    .priority(random.nextInt(10))
                    .require("s" + random.nextInt(12), 1 + random.nextInt(3));
            if (random.nextInt(5) == 0) {
                a.require("s" + random.nextInt(12), 1 + random.nextInt(2));
            }
            if (random.nextInt(3) == 0) {
                a.prefer("s" + random.nextInt(12), 1 + random.nextInt(4));
            }
            TicketAttributes attrs = a.build();
            routing.submit(attrs);
            ticketMap.put(attrs.ticketId(), attrs);
            ticketIds[t] = attrs.ticketId();
            if (t < NAIVE_TICKETS) {
                naiveTickets.add(attrs);
            }
            clock.step(Duration.ofMillis(10)); // arrivals spread over about 17 minutes
        }
        clock.step(Duration.ofMinutes(3));
        if (store.equals("postgres")) {
            routing = PostgresRun.join(RoutingConfig.of(brands), (InMemoryRoutingStore) s, clock);
        }
        claimable = new String[EXPERTS];
        for (int e = 0; e < EXPERTS; e++) {
            List<Offer> offers = routing.offers(expertIds[e], 1);
            claimable[e] = offers.isEmpty() ? null : offers.get(0).ticketId();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        routing.close();
        PostgresRun.stop();
        ScratchDirectory.delete(dir);
    }

    @Benchmark
    public List<Offer> listOffers(Cursor c) {
        return routing.offers(expertIds[c.i++ % EXPERTS], PAGE);
    }

    @Benchmark
    public ClaimResult claimAndRelease(Cursor c) {
        int e;
        do {
            e = c.i++ % EXPERTS;
        } while (claimable[e] == null);
        ClaimResult r = routing.claim(expertIds[e], claimable[e]);
        if (r.won()) {
            routing.release(expertIds[e], claimable[e]);
        }
        return r;
    }

    /** Baseline: the cheapest possible step of any request, one map lookup. */
    @Benchmark
    public TicketAttributes baselineMapLookup(Cursor c) {
        return ticketMap.get(ticketIds[c.i++ % TICKETS]);
    }

    /** Baseline: listing by scanning every ticket, on a tenth of the tickets (10,000). */
    @Benchmark
    public List<TicketAttributes> baselineNaiveScan10k(Cursor c) {
        ExpertProfile p = profiles.get(c.i++ % EXPERTS);
        List<TicketAttributes> hits = new ArrayList<>();
        for (TicketAttributes t : naiveTickets) {
            if (p.certifications().containsKey(t.brand()) && p.languages().contains(t.language())
                    && p.skills().keySet().containsAll(t.requiredSkills().keySet())) {
                hits.add(t);
            }
        }
        hits.sort(Comparator.comparingInt(TicketAttributes::priority).reversed());
        return hits.subList(0, Math.min(PAGE, hits.size()));
    }

    /** A clock the set-up moves forward; fixed during measurement. */
    static final class SteppingClock extends Clock {
        private volatile Instant now;

        SteppingClock(Instant start) {
            now = start;
        }

        void step(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
