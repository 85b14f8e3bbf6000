package dev.veil.gateway.routing.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * One brand's routing settings: who may see its tickets, how they are handed out, and what a
 * resolved ticket pays. Validated once here; the routing core never re-checks them.
 */
public record RoutingSettings(
        RoutingMode mode,
        int minRating,
        int minRatings,
        int minQuality,
        int minQualityReviews,
        int hysteresis,
        Duration claimTtl,
        Duration reofferCooldown,
        Duration offerTimeout,
        int newExpertSharePercent,
        Duration priorityWeight,
        Duration handpickedWindow,
        Set<String> handpicked,
        Set<String> removed,
        long basePayMinor,
        Currency currency,
        Duration reopenWindow,
        List<SurgeRule> surge,
        List<WideningStep> widening,
        AttributeMapping attributes) {

    /** Upper bound on base pay in minor units, so that pay times multiplier cannot overflow. */
    public static final long MAX_BASE_PAY_MINOR = 1_000_000_000L;

    public RoutingSettings {
        requireNonNull(mode, "mode");
        checkScore("minRating", minRating);
        checkRange("minRatings", minRatings, 0, 10_000);
        checkScore("minQuality", minQuality);
        checkRange("minQualityReviews", minQualityReviews, 0, 10_000);
        checkScore("hysteresis", hysteresis);
        checkPositive("claimTtl", claimTtl);
        checkNotNegative("reofferCooldown", reofferCooldown);
        checkPositive("offerTimeout", offerTimeout);
        checkRange("newExpertSharePercent", newExpertSharePercent, 0, 100);
        checkPositive("priorityWeight", priorityWeight);
        checkNotNegative("handpickedWindow", handpickedWindow);
        handpicked = Set.copyOf(requireNonNull(handpicked, "handpicked"));
        removed = Set.copyOf(requireNonNull(removed, "removed"));
        if (basePayMinor < 0 || basePayMinor > MAX_BASE_PAY_MINOR) {
            throw new IllegalArgumentException(
                    "basePayMinor: " + basePayMinor + " (expected: 0 to " + MAX_BASE_PAY_MINOR + ")");
        }
        requireNonNull(currency, "currency");
        checkNotNegative("reopenWindow", reopenWindow);
        surge = List.copyOf(requireNonNull(surge, "surge"));
        widening = List.copyOf(requireNonNull(widening, "widening"));
        for (int i = 1; i < widening.size(); i++) {
            if (widening.get(i).after().compareTo(widening.get(i - 1).after()) <= 0) {
                throw new IllegalArgumentException("widening[" + i + "].after: " + widening.get(i).after()
                        + " (expected: later than widening[" + (i - 1) + "].after)");
            }
        }
        requireNonNull(attributes, "attributes");
    }

    /** The settings a brand gets for every key it leaves out. */
    public static RoutingSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The multiplier in force for a queue of {@code depth} tickets whose oldest waited {@code oldestWait}. */
    public int surgeBps(int depth, Duration oldestWait) {
        int bps = SurgeRule.ONE;
        for (SurgeRule rule : surge) {
            if (rule.multiplierBps() > bps && rule.matches(depth, oldestWait)) {
                bps = rule.multiplierBps();
            }
        }
        return bps;
    }

    private static void checkScore(String name, int value) {
        checkRange(name, value, 0, 100);
    }

    private static void checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + " to " + max + ")");
        }
    }

    private static void checkPositive(String name, Duration value) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    private static void checkNotNegative(String name, Duration value) {
        requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
        }
    }

    /** Builds {@link RoutingSettings}, starting from the documented defaults. */
    public static final class Builder {
        private RoutingMode mode = RoutingMode.CLAIM;
        private int minRating = 70;
        private int minRatings = 5;
        private int minQuality = 70;
        private int minQualityReviews = 1;
        private int hysteresis = 5;
        private Duration claimTtl = Duration.ofMinutes(15);
        private Duration reofferCooldown = Duration.ofMinutes(30);
        private Duration offerTimeout = Duration.ofSeconds(60);
        private int newExpertSharePercent = 10;
        private Duration priorityWeight = Duration.ofMinutes(10);
        private Duration handpickedWindow = Duration.ZERO;
        private Set<String> handpicked = Set.of();
        private Set<String> removed = Set.of();
        private long basePayMinor;
        private Currency currency = Currency.getInstance("USD");
        private Duration reopenWindow = Duration.ofHours(72);
        private List<SurgeRule> surge = List.of();
        private List<WideningStep> widening = List.of(
                WideningStep.of(Duration.ofMinutes(2), true, 0),
                WideningStep.of(Duration.ofMinutes(5), false, 1));
        private AttributeMapping attributes = AttributeMapping.defaults();

        private Builder() {
        }

        private Builder(RoutingSettings s) {
            mode = s.mode;
            minRating = s.minRating;
            minRatings = s.minRatings;
            minQuality = s.minQuality;
            minQualityReviews = s.minQualityReviews;
            hysteresis = s.hysteresis;
            claimTtl = s.claimTtl;
            reofferCooldown = s.reofferCooldown;
            offerTimeout = s.offerTimeout;
            newExpertSharePercent = s.newExpertSharePercent;
            priorityWeight = s.priorityWeight;
            handpickedWindow = s.handpickedWindow;
            handpicked = s.handpicked;
            removed = s.removed;
            basePayMinor = s.basePayMinor;
            currency = s.currency;
            reopenWindow = s.reopenWindow;
            surge = s.surge;
            widening = s.widening;
            attributes = s.attributes;
        }

        public Builder mode(RoutingMode v) { mode = v; return this; }
        public Builder minRating(int v) { minRating = v; return this; }
        public Builder minRatings(int v) { minRatings = v; return this; }
        public Builder minQuality(int v) { minQuality = v; return this; }
        public Builder minQualityReviews(int v) { minQualityReviews = v; return this; }
        public Builder hysteresis(int v) { hysteresis = v; return this; }
        public Builder claimTtl(Duration v) { claimTtl = v; return this; }
        public Builder reofferCooldown(Duration v) { reofferCooldown = v; return this; }
        public Builder offerTimeout(Duration v) { offerTimeout = v; return this; }
        public Builder newExpertSharePercent(int v) { newExpertSharePercent = v; return this; }
        public Builder priorityWeight(Duration v) { priorityWeight = v; return this; }
        public Builder handpickedWindow(Duration v) { handpickedWindow = v; return this; }
        public Builder handpicked(Set<String> v) { handpicked = v; return this; }
        public Builder removed(Set<String> v) { removed = v; return this; }
        public Builder basePayMinor(long v) { basePayMinor = v; return this; }
        public Builder currency(Currency v) { currency = v; return this; }
        public Builder reopenWindow(Duration v) { reopenWindow = v; return this; }
        public Builder surge(List<SurgeRule> v) { surge = v; return this; }
        public Builder widening(List<WideningStep> v) { widening = v; return this; }
        public Builder attributes(AttributeMapping v) { attributes = v; return this; }

        public RoutingSettings build() {
            return new RoutingSettings(mode, minRating, minRatings, minQuality, minQualityReviews,
                    hysteresis, claimTtl, reofferCooldown, offerTimeout, newExpertSharePercent,
                    priorityWeight, handpickedWindow, handpicked, removed, basePayMinor, currency,
                    reopenWindow, surge, widening, attributes);
        }
    }
}
