package dev.veil.gateway.routing;

import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.gateway.routing.model.Claim;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.model.ReputationRecord;
import dev.veil.gateway.routing.model.ResolutionRecord;
import java.util.HashSet;
import java.util.Set;

/**
 * CSAT and QA events: rolling windows of the last N scores, ratings the brand excludes, and
 * the per-brand gates with hysteresis. Claims already held are never touched.
 */
final class ReputationBook {

    private final RoutingState st;

    ReputationBook(RoutingState st) {
        this.st = st;
    }

    EventResult csat(String ticketId, int score, boolean excluded) {
        checkScore(score);
        Expert e = expertFor(ticketId);
        if (e == null) {
            return EventResult.UNKNOWN;
        }
        synchronized (e) {
            if (excluded) {
                e.excludeRating(ticketId);
            } else {
                e.recordRating(ticketId, score);
            }
            persist(e);
        }
        return EventResult.APPLIED;
    }

    EventResult excludeRating(String ticketId) {
        Expert e = expertFor(ticketId);
        if (e == null) {
            return EventResult.UNKNOWN;
        }
        synchronized (e) {
            if (!e.excludeRating(ticketId)) {
                return EventResult.IGNORED;
            }
            persist(e);
        }
        return EventResult.APPLIED;
    }

    EventResult qa(String ticketId, int score) {
        checkScore(score);
        Expert e = expertFor(ticketId);
        if (e == null) {
            return EventResult.UNKNOWN;
        }
        synchronized (e) {
            e.recordQuality(ticketId, score);
            persist(e);
        }
        return EventResult.APPLIED;
    }

    /** Applies new window sizes and thresholds to every expert, writing only those that changed. */
    void reconfigure(RoutingConfig c) {
        for (Expert e : st.registry.all()) {
            synchronized (e) {
                ReputationRecord before = e.reputationRecord();
                e.resizeWindows(c.ratingWindow(), c.qualityWindow());
                updateGates(e);
                ReputationRecord after = e.reputationRecord();
                if (!before.equals(after)) {
                    st.apply(new StoreBatch().putReputation(after));
                }
            }
        }
    }

    /** Recomputes the expert's gates for every brand it is certified for; caller holds the expert's monitor. */
    void updateGates(Expert e) {
        Set<String> ratingClosed = new HashSet<>();
        Set<String> qualityClosed = new HashSet<>();
        for (String brand : e.profile().certifications().keySet()) {
            RoutingSettings s = st.settings(brand);
            if (s == null) {
                continue;
            }
            if (Gates.closed(e.ratingBlocked(brand), e.rating(), s.minRatings(), s.minRating(), s.hysteresis())) {
                ratingClosed.add(brand);
            }
            if (Gates.closed(e.qualityBlocked(brand), e.quality(), s.minQualityReviews(), s.minQuality(),
                    s.hysteresis())) {
                qualityClosed.add(brand);
            }
        }
        e.gates(ratingClosed, qualityClosed);
    }

    private void persist(Expert e) {
        updateGates(e);
        st.apply(new StoreBatch().putReputation(e.reputationRecord()));
    }

    /** The expert who resolved (or now holds) the ticket. */
    private Expert expertFor(String ticketId) {
        ResolutionRecord r = st.resolutions.get(ticketId);
        if (r != null) {
            return st.registry.get(r.expertId());
        }
        RoutedTicket t = st.tickets.get(ticketId);
        Claim c = t == null ? null : t.claim();
        return c == null ? null : st.registry.get(c.expertId());
    }

    private static void checkScore(int score) {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score: " + score + " (expected: 0 to 100)");
        }
    }
}
