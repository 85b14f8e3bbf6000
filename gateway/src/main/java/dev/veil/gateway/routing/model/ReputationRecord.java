package dev.veil.gateway.routing.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/** The stored form of an expert's reputation: the rating and QA windows and the brands whose gates are closed. */
public record ReputationRecord(
        String expertId,
        List<Score> ratings,
        List<Score> quality,
        Set<String> ratingBlocked,
        Set<String> qualityBlocked) {

    /** One scored ticket in a window, oldest first. */
    public record Score(String ticketId, int score) {
    }

    public ReputationRecord {
        requireNonNull(expertId, "expertId");
        ratings = List.copyOf(ratings);
        quality = List.copyOf(quality);
        ratingBlocked = Set.copyOf(ratingBlocked);
        qualityBlocked = Set.copyOf(qualityBlocked);
    }
}
