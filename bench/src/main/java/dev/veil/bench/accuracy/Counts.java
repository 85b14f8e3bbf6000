package dev.veil.bench.accuracy;

/**
 * Span-level counts for one Veil type on one data set: Veil's detections of that type, the
 * annotations mapped to it, how many pairs the one-to-one matching made, and how many of the
 * annotations' non-whitespace characters lie inside a detection of the type.
 */
public record Counts(int predicted, int gold, int matched, long annotatedChars, long coveredChars) {

    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

    public Counts {
        if (predicted < 0 || gold < 0 || matched < 0 || matched > Math.min(predicted, gold)) {
            throw new IllegalArgumentException("counts: predicted " + predicted + ", gold " + gold + ", matched " + matched
                    + " (expected: 0 <= matched <= min(predicted, gold))");
        }
        if (coveredChars < 0 || coveredChars > annotatedChars) {
            throw new IllegalArgumentException("characters: covered " + coveredChars + " of " + annotatedChars
                    + " (expected: 0 <= covered <= annotated)");
        }
    }

    Counts plus(Counts other) {
        return new Counts(predicted + other.predicted, gold + other.gold, matched + other.matched,
                annotatedChars + other.annotatedChars, coveredChars + other.coveredChars);
    }

    /** Matched detections over detections; NaN when Veil detected nothing of this type. */
    public double precision() {
        return predicted == 0 ? Double.NaN : (double) matched / predicted;
    }

    /** Matched annotations over annotations; NaN when the set has none of this type. */
    public double recall() {
        return gold == 0 ? Double.NaN : (double) matched / gold;
    }

    /** F-beta with beta 2 (recall weighs four times precision): 5PR / (4P + R); 0 when recall is 0. */
    public double f2() {
        double p = precision();
        double r = recall();
        if (r == 0) {
            return 0;
        }
        if (Double.isNaN(p) || Double.isNaN(r)) {
            return Double.NaN;
        }
        return 5 * p * r / (4 * p + r);
    }

    /** Share of annotated non-whitespace characters inside a detection of the type: how much is hidden. */
    public double coverage() {
        return annotatedChars == 0 ? Double.NaN : (double) coveredChars / annotatedChars;
    }
}
