package dev.veil.gateway.routing.model;

/** Lifetime counts of what an expert did with tickets. */
public record ExpertCounters(long claims, long resolutions, long timeouts, long releases, long rejections) {

    public static final ExpertCounters ZERO = new ExpertCounters(0, 0, 0, 0, 0);
}
