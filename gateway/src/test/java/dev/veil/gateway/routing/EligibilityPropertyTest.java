package dev.veil.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.config.RoutingMode;
import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.gateway.routing.config.WideningStep;
import dev.veil.gateway.routing.model.ExpertProfile;
import dev.veil.gateway.routing.model.ExpertView;
import dev.veil.gateway.routing.model.Offer;
import dev.veil.gateway.routing.model.Outcome;
import dev.veil.gateway.routing.model.RuleResult;
import dev.veil.gateway.routing.model.ScoreSummary;
import dev.veil.gateway.routing.model.TicketAttributes;
import dev.veil.gateway.routing.model.TicketRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random experts, tickets and events; after every step no expert is offered a ticket it is not
 * eligible for (checked against an independent oracle as well as the explanation), every
 * eligible claim-mode ticket is offered, and no expert holds more than its capacity.
 */
class EligibilityPropertyTest {

    private static final List<String> BRANDS = List.of("acme", "bolt", "hub");
    private static final List<String> SKILLS = List.of("billing", "refunds", "tech");
    private static final List<String> LANGUAGES = List.of("en", "es");
    private static final int EXPERTS = 6;

    record Op(int kind, int a, int b, int c) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 1_000);
        return Combinators.combine(Arbitraries.integers().between(0, 15), any, any, any).as(Op::new)
                .list().ofMinSize(10).ofMaxSize(80);
    }

    @Property(tries = 150)
    void noOfferEverReachesAnIneligibleExpert(@ForAll("ops") List<Op> ops) {
        MutableClock clock = new MutableClock(Fixtures.START);
        RoutingConfig config = new RoutingConfig(5, 3, Duration.ofMinutes(15), Duration.ofDays(1), Map.of(
                "acme", RoutingSettings.builder().minRatings(2).minRating(60).hysteresis(10)
                        .claimTtl(Duration.ofMinutes(10)).reofferCooldown(Duration.ofMinutes(15)).build(),
                "bolt", RoutingSettings.builder().minQualityReviews(1).minQuality(50)
                        .handpicked(Set.of("e1")).handpickedWindow(Duration.ofMinutes(3)).removed(Set.of("e4"))
                        .widening(List.of(WideningStep.of(Duration.ofMinutes(4), false, 2))).build(),
                "hub", RoutingSettings.builder().mode(RoutingMode.PUSH).offerTimeout(Duration.ofMinutes(1))
                        .minRatings(1).minRating(40).build()));
        RoutingService routing = Fixtures.service(config, clock);
        for (int i = 0; i < EXPERTS; i++) {
            routing.upsertExpert(profile(i, i * 7 + 3, 1 + i % 3));
        }
        List<String> tickets = new ArrayList<>();
        int[] next = {0};
        for (Op op : ops) {
            apply(op, routing, clock, tickets, next);
            check(routing, config, clock.instant(), tickets);
        }
    }

    private static ExpertProfile profile(int i, int r, int capacity) {
        ExpertProfile.Builder b = ExpertProfile.builder("e" + i).capacity(capacity);
        for (int k = 0; k < BRANDS.size(); k++) {
            if (((r >> k) & 1) == 1 || k == i % BRANDS.size()) {
                // Some certifications expire a few minutes in.
                b.certify(BRANDS.get(k), Fixtures.START.plus(Duration.ofMinutes((r >> (k + 3) & 1) == 1 ? 7 : 10_000)));
            }
        }
        for (int k = 0; k < SKILLS.size(); k++) {
            int level = (r / (k + 2)) % 6;
            if (level > 0) {
                b.skill(SKILLS.get(k), level);
            }
        }
        b.language(LANGUAGES.get(r % 2));
        if (r % 3 == 0) {
            b.language(LANGUAGES.get((r + 1) % 2));
        }
        return b.build();
    }

    private static void apply(Op op, RoutingService routing, MutableClock clock, List<String> tickets, int[] next) {
        String expert = "e" + (op.a() % EXPERTS);
        String ticket = tickets.isEmpty() ? "none" : tickets.get(op.b() % tickets.size());
        switch (op.kind()) {
            case 0, 1, 2 -> {
                String id = "t" + (next[0]++);
                TicketAttributes.Builder t = TicketAttributes.builder(id, BRANDS.get(op.a() % BRANDS.size()))
                        .language(LANGUAGES.get(op.b() % 2)).priority(op.c() % 10);
                if (op.b() % 3 != 0) {
                    t.require(SKILLS.get(op.c() % 3), 1 + op.b() % 5);
                }
                if (op.c() % 4 == 0) {
                    t.prefer(SKILLS.get((op.c() + 1) % 3), 1 + op.a() % 5);
                }
                routing.submit(t.build());
                tickets.add(id);
            }
            case 3, 4 -> routing.claim(expert, ticket);
            case 5 -> routing.release(expert, ticket);
            case 6 -> routing.reply(expert, ticket);
            case 7 -> routing.reject(expert, ticket);
            case 8, 9 -> {
                clock.advance(Duration.ofSeconds(op.c() % 600));
                routing.tick();
            }
            case 10 -> routing.setOnline(expert, op.c() % 4 != 0);
            case 11 -> routing.setSuspended(expert, op.c() % 5 == 0);
            case 12 -> routing.csat(ticket, op.c() % 101, op.a() % 7 == 0);
            case 13 -> routing.qa(ticket, op.c() % 101);
            case 14 -> routing.resolved(ticket, op.c() % 2 == 0 ? Outcome.ACCEPTED : Outcome.REJECTED);
            default -> {
                int i = op.a() % EXPERTS;
                ExpertView v = routing.expert(expert).orElseThrow();
                // Profile changes keep capacity, so "never above capacity" stays a fair check.
                routing.upsertExpert(profile(i, op.c(), v.profile().capacity()));
            }
        }
    }

    private static void check(RoutingService routing, RoutingConfig config, Instant now, List<String> tickets) {
        Map<String, Integer> held = new HashMap<>();
        for (String id : tickets) {
            routing.ticket(id).ifPresent(t -> {
                String holder = t.claim() != null ? t.claim().expertId() : t.offer() != null ? t.offer().expertId() : null;
                if (holder != null) {
                    held.merge(holder, 1, Integer::sum);
                }
            });
        }
        for (int i = 0; i < EXPERTS; i++) {
            String expert = "e" + i;
            ExpertView v = routing.expert(expert).orElseThrow();
            assertThat(v.slotsInUse()).isLessThanOrEqualTo(v.profile().capacity())
                    .isEqualTo(held.getOrDefault(expert, 0));
            List<Offer> offers = routing.offers(expert, 100);
            for (Offer o : offers) {
                List<RuleResult> why = routing.explain(o.ticketId(), expert).orElseThrow();
                assertThat(why).allSatisfy(r -> assertThat(r.passed()).as(expert + " " + o.ticketId() + " " + r).isTrue());
                TicketRecord t = routing.ticket(o.ticketId()).orElseThrow();
                assertThat(oracle(v, t, config.brand(t.attributes().brand()), now))
                        .as("oracle: %s may see %s", expert, o.ticketId()).isTrue();
            }
            List<String> listed = offers.stream().map(Offer::ticketId).toList();
            for (String id : tickets) {
                TicketRecord t = routing.ticket(id).orElse(null);
                if (t == null || config.brand(t.attributes().brand()).mode() != RoutingMode.CLAIM) {
                    continue;
                }
                boolean eligible = routing.explain(id, expert).orElseThrow().stream().allMatch(RuleResult::passed);
                assertThat(listed.contains(id)).as("%s listed to %s", id, expert).isEqualTo(eligible);
            }
        }
    }

    /** The rules written out again from the issue, against public state only. */
    private static boolean oracle(ExpertView v, TicketRecord t, RoutingSettings s, Instant now) {
        TicketAttributes a = t.attributes();
        ExpertProfile p = v.profile();
        Instant expiry = p.certifications().get(a.brand());
        if (expiry == null || !now.isBefore(expiry) || s.removed().contains(p.expertId()) || v.suspended()
                || !v.online() || !p.languages().contains(a.language())) {
            return false;
        }
        if (!gateOpen(v.rating(), s.minRatings(), s.minRating()) || !gateOpen(v.quality(), s.minQualityReviews(), s.minQuality())) {
            return false;
        }
        boolean offeredToMe = t.offer() != null && t.offer().expertId().equals(p.expertId());
        if (t.claim() != null || (t.offer() != null && !offeredToMe)) {
            return false;
        }
        if (s.mode() == RoutingMode.PUSH && !offeredToMe) {
            return false;
        }
        if (!offeredToMe && v.slotsInUse() >= p.capacity()) {
            return false;
        }
        Instant cooldown = t.cooldowns().get(p.expertId());
        if (cooldown != null && now.isBefore(cooldown)) {
            return false;
        }
        long waited = Duration.between(t.enqueuedAt(), now).toMillis();
        if (!s.handpicked().isEmpty() && !s.handpicked().contains(p.expertId())
                && waited < s.handpickedWindow().toMillis()) {
            return false;
        }
        boolean drop = false;
        int lower = 0;
        for (WideningStep step : s.widening()) {
            if (step.after().toMillis() <= waited) {
                drop |= step.dropPreferredSkills();
                lower = Math.max(lower, step.lowerLevelsBy());
            }
        }
        for (Map.Entry<String, Integer> r : a.requiredSkills().entrySet()) {
            if (p.skills().getOrDefault(r.getKey(), 0) < Math.max(1, r.getValue() - lower)) {
                return false;
            }
        }
        if (!drop) {
            for (Map.Entry<String, Integer> r : a.preferredSkills().entrySet()) {
                if (p.skills().getOrDefault(r.getKey(), 0) < Math.max(1, r.getValue() - lower)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Necessary for an open gate whatever its hysteresis state: at least the minimum once the gate applies. */
    private static boolean gateOpen(ScoreSummary s, int minSamples, int minimum) {
        return s.count() == 0 || s.count() < minSamples || s.sum() >= (long) minimum * s.count();
    }
}
