package dev.veil.gateway.expert;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.routing.model.ExpertCounters;
import dev.veil.gateway.routing.model.ScoreSummary;
import java.util.List;
import java.util.Map;

/**
 * An expert's own standing ({@code GET /v1/me}): rating and quality windows, claim counters,
 * tickets held now out of capacity, and earnings per currency in minor units from the pay ledger.
 */
public record ExpertSummary(
        String expertId,
        ScoreSummary rating,
        ScoreSummary quality,
        ExpertCounters counters,
        int holding,
        int capacity,
        Map<String, Long> earningsMinor) {

    public ExpertSummary {
        requireNonNull(expertId, "expertId");
        earningsMinor = Map.copyOf(earningsMinor);
    }
}
