package dev.veil.gateway.routing;

import dev.veil.gateway.routing.model.ExpertCounters;
import dev.veil.gateway.routing.model.ExpertProfile;
import dev.veil.gateway.routing.model.ExpertRecord;
import dev.veil.gateway.routing.model.ExpertView;
import dev.veil.gateway.routing.model.ReputationRecord;
import dev.veil.gateway.routing.model.ScoreSummary;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * One expert's live routing state. Fields read on the offer path are volatile; every change
 * happens under this object's monitor, which is taken after a ticket's monitor, never before.
 */
final class Expert {

    final String id;
    private volatile ExpertProfile profile;
    private volatile boolean online;
    private volatile boolean suspended;
    private volatile int slotsInUse;
    private volatile Instant lastAssignedAt;
    private long claims;
    private long resolutions;
    private long timeouts;
    private long releases;
    private long rejections;
    private final ScoreWindow ratings;
    private final ScoreWindow quality;
    private volatile ScoreSummary rating = ScoreSummary.EMPTY;
    private volatile ScoreSummary qualityScore = ScoreSummary.EMPTY;
    private volatile Set<String> ratingBlocked = Set.of();
    private volatile Set<String> qualityBlocked = Set.of();

    Expert(ExpertProfile profile, int ratingWindow, int qualityWindow) {
        this.id = profile.expertId();
        this.profile = profile;
        this.ratings = new ScoreWindow(ratingWindow);
        this.quality = new ScoreWindow(qualityWindow);
    }

    ExpertProfile profile() { return profile; }
    boolean online() { return online; }
    boolean suspended() { return suspended; }
    int slotsInUse() { return slotsInUse; }
    Instant lastAssignedAt() { return lastAssignedAt; }
    ScoreSummary rating() { return rating; }
    ScoreSummary quality() { return qualityScore; }
    boolean ratingBlocked(String brand) { return ratingBlocked.contains(brand); }
    boolean qualityBlocked(String brand) { return qualityBlocked.contains(brand); }

    synchronized void profile(ExpertProfile p) { profile = p; }
    synchronized void online(boolean v) { online = v; }
    synchronized void suspended(boolean v) { suspended = v; }

    /** Takes a capacity slot if one is free. */
    synchronized boolean tryTakeSlot() {
        if (slotsInUse >= profile.capacity()) {
            return false;
        }
        slotsInUse++;
        return true;
    }

    /** Counts a slot held by a claim or offer found in the store at start-up. */
    synchronized void restoreSlot() {
        slotsInUse++;
    }

    synchronized void freeSlot() {
        if (slotsInUse > 0) {
            slotsInUse--;
        }
    }

    synchronized void countClaim(Instant at) { claims++; lastAssignedAt = at; }
    synchronized void countResolution() { resolutions++; }
    synchronized void countTimeout() { timeouts++; }
    synchronized void countRelease() { releases++; }
    synchronized void countRejection() { rejections++; }

    synchronized ExpertCounters counters() {
        return new ExpertCounters(claims, resolutions, timeouts, releases, rejections);
    }

    synchronized ExpertRecord record() {
        return new ExpertRecord(profile, online, suspended, counters(), lastAssignedAt);
    }

    synchronized ExpertView view() {
        return new ExpertView(profile, online, suspended, slotsInUse, counters(), lastAssignedAt, rating, qualityScore);
    }

    synchronized void restore(ExpertRecord r) {
        profile = r.profile();
        online = r.online();
        suspended = r.suspended();
        lastAssignedAt = r.lastAssignedAt();
        ExpertCounters c = r.counters();
        claims = c.claims();
        resolutions = c.resolutions();
        timeouts = c.timeouts();
        releases = c.releases();
        rejections = c.rejections();
    }

    /** Takes over a reputation another node stored: the windows are replaced, not added to. */
    synchronized void replaceReputation(ReputationRecord r) {
        ratings.clear();
        quality.clear();
        restore(r);
    }

    synchronized void restore(ReputationRecord r) {
        r.ratings().forEach(s -> ratings.record(s.ticketId(), s.score()));
        r.quality().forEach(s -> quality.record(s.ticketId(), s.score()));
        rating = ratings.summary();
        qualityScore = quality.summary();
        ratingBlocked = Set.copyOf(r.ratingBlocked());
        qualityBlocked = Set.copyOf(r.qualityBlocked());
    }

    synchronized void recordRating(String ticketId, int score) {
        ratings.record(ticketId, score);
        rating = ratings.summary();
    }

    synchronized boolean excludeRating(String ticketId) {
        boolean removed = ratings.exclude(ticketId);
        rating = ratings.summary();
        return removed;
    }

    synchronized void recordQuality(String ticketId, int score) {
        quality.record(ticketId, score);
        qualityScore = quality.summary();
    }

    synchronized void resizeWindows(int ratingWindow, int qualityWindow) {
        ratings.resize(ratingWindow);
        quality.resize(qualityWindow);
        rating = ratings.summary();
        qualityScore = quality.summary();
    }

    synchronized void gates(Set<String> ratingBlockedBrands, Set<String> qualityBlockedBrands) {
        ratingBlocked = Set.copyOf(ratingBlockedBrands);
        qualityBlocked = Set.copyOf(qualityBlockedBrands);
    }

    synchronized ReputationRecord reputationRecord() {
        return new ReputationRecord(id, ratings.entries(), quality.entries(),
                new HashSet<>(ratingBlocked), new HashSet<>(qualityBlocked));
    }
}
