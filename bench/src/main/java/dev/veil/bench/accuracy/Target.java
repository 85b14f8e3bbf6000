package dev.veil.bench.accuracy;

/** The precision and recall Veil aims for on one type of one data set. */
public record Target(double minPrecision, double minRecall) {

    public Target {
        if (!(minPrecision >= 0 && minPrecision <= 1) || !(minRecall >= 0 && minRecall <= 1)) {
            throw new IllegalArgumentException("target: " + minPrecision + " / " + minRecall + " (expected: 0 to 1)");
        }
    }

    /** Whether {@code counts} reach both figures; never when either is undefined. */
    public boolean metBy(Counts counts) {
        return counts.precision() >= minPrecision && counts.recall() >= minRecall;
    }
}
