package dev.veil.gateway.routing.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** A rolling-window score (rating or quality, each 0 to 100) kept as an exact sum and count. */
public record ScoreSummary(int count, long sum) {

    public static final ScoreSummary EMPTY = new ScoreSummary(0, 0);

    /** The mean to two decimals, if there is at least one score. */
    public Optional<BigDecimal> average() {
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP));
    }

    /** Whether the mean is at least {@code threshold}, compared exactly. */
    public boolean atLeast(int threshold) {
        return sum >= (long) threshold * count;
    }

    @Override
    public String toString() {
        return average().map(a -> a.toPlainString() + " over " + count).orElse("no scores");
    }
}
