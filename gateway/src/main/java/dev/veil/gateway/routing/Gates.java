package dev.veil.gateway.routing;

import dev.veil.gateway.routing.model.ScoreSummary;

/**
 * The rating and quality gates with hysteresis: an expert whose score falls below a brand's
 * minimum stops getting its offers, and gets them again only at minimum plus the margin.
 */
final class Gates {

    private Gates() {
    }

    /**
     * Whether the gate is closed. It applies only from {@code minSamples} scores on (and never
     * with none); {@code wasClosed} is the gate's state after the previous score.
     */
    static boolean closed(boolean wasClosed, ScoreSummary score, int minSamples, int minimum, int hysteresis) {
        if (score.count() == 0 || score.count() < minSamples) {
            return false;
        }
        int bar = wasClosed ? Math.min(100, minimum + hysteresis) : minimum;
        return !score.atLeast(bar);
    }
}
