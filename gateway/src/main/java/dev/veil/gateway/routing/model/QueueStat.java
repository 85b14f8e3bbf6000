package dev.veil.gateway.routing.model;

import java.time.Duration;
import java.util.Optional;

/**
 * Backlog of one brand for one skill ({@code *} for all its tickets): how many wait, for how
 * long, how long a new one is expected to wait, and how many experts could take them.
 */
public record QueueStat(
        String brand,
        String skill,
        int depth,
        Duration oldestWait,
        Optional<Duration> expectedWait,
        int expertsOnline,
        int expertsEligible) {

    /** The skill name of a brand's all-tickets row. */
    public static final String ALL = "*";
}
