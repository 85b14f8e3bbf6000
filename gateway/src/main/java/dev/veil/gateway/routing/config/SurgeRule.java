package dev.veil.gateway.routing.config;

import java.time.Duration;

/**
 * A backlog condition on one brand's queue and the pay multiplier it triggers; a rule with both
 * conditions needs both. The multiplier is in basis points (10,000 = 1.0x) so pay stays exact.
 */
public record SurgeRule(int queueDepthAtLeast, Duration oldestWaitAtLeast, int multiplierBps) {

    /** 1.0x in basis points. */
    public static final int ONE = 10_000;
    /** The largest multiplier accepted, 10.0x. */
    public static final int MAX_BPS = 100_000;

    public SurgeRule {
        if (queueDepthAtLeast < 0) {
            throw new IllegalArgumentException("queueDepthAtLeast: " + queueDepthAtLeast + " (expected: >= 1)");
        }
        if (oldestWaitAtLeast != null && (oldestWaitAtLeast.isNegative() || oldestWaitAtLeast.isZero())) {
            throw new IllegalArgumentException("oldestWaitAtLeast: " + oldestWaitAtLeast + " (expected: > 0)");
        }
        if (queueDepthAtLeast == 0 && oldestWaitAtLeast == null) {
            throw new IllegalArgumentException(
                    "surge rule: no condition (expected: queueDepthAtLeast and/or oldestWaitAtLeast)");
        }
        if (multiplierBps < ONE || multiplierBps > MAX_BPS) {
            throw new IllegalArgumentException(
                    "multiplierBps: " + multiplierBps + " (expected: " + ONE + " to " + MAX_BPS + ")");
        }
    }

    /** A rule on queue depth only. */
    public static SurgeRule depth(int queueDepthAtLeast, int multiplierBps) {
        return new SurgeRule(queueDepthAtLeast, null, multiplierBps);
    }

    /** A rule on the oldest ticket's wait only. */
    public static SurgeRule oldestWait(Duration oldestWaitAtLeast, int multiplierBps) {
        return new SurgeRule(0, oldestWaitAtLeast, multiplierBps);
    }

    /** Whether this rule applies to a queue of {@code depth} tickets whose oldest has waited {@code oldestWait}. */
    public boolean matches(int depth, Duration oldestWait) {
        if (queueDepthAtLeast > 0 && depth < queueDepthAtLeast) {
            return false;
        }
        return oldestWaitAtLeast == null || oldestWait.compareTo(oldestWaitAtLeast) >= 0;
    }
}
