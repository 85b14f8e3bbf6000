package dev.veil.gateway.routing;

import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.gateway.routing.model.ExpertProfile;
import dev.veil.gateway.routing.model.QueueStat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per brand and skill: tickets waiting, the oldest wait, the expected wait at the recent claim
 * rate, and experts online and eligible. Reads bucket counters and heads, not every ticket.
 */
final class QueueStats {

    private final RoutingState st;

    QueueStats(RoutingState st) {
        this.st = st;
    }

    private static final class Acc {
        int depth;
        long oldest = Long.MAX_VALUE;
        int online;
        int eligible;
    }

    List<QueueStat> brand(String brand, RoutingSettings s, Instant now) {
        Map<String, Acc> bySkill = new TreeMap<>();
        bySkill.put(QueueStat.ALL, new Acc());
        OfferIndex.BrandQueue queue = st.index.brand(brand);
        for (OfferIndex.Shelf shelf : queue.shelves) {
            for (OfferIndex.Bucket b : shelf.buckets()) {
                int size = b.size();
                if (size == 0) {
                    continue;
                }
                bySkill.get(QueueStat.ALL).depth += size;
                for (String skill : b.required) {
                    bySkill.computeIfAbsent(skill, k -> new Acc()).depth += size;
                }
            }
        }
        findOldest(queue, bySkill);
        for (Expert e : st.registry.forBrand(brand)) {
            ExpertProfile p = e.profile();
            Instant expiry = p.certifications().get(brand);
            if (!e.online() || e.suspended() || expiry == null || !now.isBefore(expiry)) {
                continue;
            }
            boolean eligible = Eligibility.admissible(e, p, brand, s, now);
            for (Map.Entry<String, Acc> row : bySkill.entrySet()) {
                if (row.getKey().equals(QueueStat.ALL) || p.skills().containsKey(row.getKey())) {
                    row.getValue().online++;
                    row.getValue().eligible += eligible ? 1 : 0;
                }
            }
        }
        Duration window = st.config().statsWindow();
        List<QueueStat> out = new ArrayList<>(bySkill.size());
        bySkill.forEach((skill, a) -> {
            Duration oldestWait = a.depth == 0 ? Duration.ZERO
                    : Duration.ofMillis(Math.max(0, now.toEpochMilli() - a.oldest));
            long claims = st.rates.claims(brand, skill, now, window);
            out.add(new QueueStat(brand, skill, a.depth, oldestWait, expected(a, claims, window), a.online, a.eligible));
        });
        return out;
    }

    /** Time to drain the queue plus one new ticket at the recent claim rate; unknown if nothing was claimed lately. */
    private static Optional<Duration> expected(Acc a, long claims, Duration window) {
        if (claims > 0) {
            long millis = ((a.depth + 1L) * window.toMillis() + claims - 1) / claims;
            return Optional.of(Duration.ofSeconds((millis + 999) / 1000));
        }
        if (a.depth == 0 && a.eligible > 0) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.empty();
    }

    /** Walks the brand's tickets oldest first until every row with tickets has found its oldest. */
    private static void findOldest(OfferIndex.BrandQueue queue, Map<String, Acc> bySkill) {
        int missing = (int) bySkill.values().stream().filter(a -> a.depth > 0).count();
        for (Iterator<RoutedTicket> it = queue.byAge.iterator(); missing > 0 && it.hasNext(); ) {
            RoutedTicket t = it.next();
            missing -= found(bySkill.get(QueueStat.ALL), t);
            for (String skill : t.attrs.requiredSkills().keySet()) {
                Acc a = bySkill.get(skill);
                missing -= a == null ? 0 : found(a, t);
            }
        }
    }

    private static int found(Acc a, RoutedTicket t) {
        if (a.oldest != Long.MAX_VALUE || a.depth == 0) {
            return 0;
        }
        a.oldest = t.enqueuedMillis;
        return 1;
    }
}
