package dev.veil.tokenizer.detect;

/**
 * The confidence scale every built-in detector follows, so that the registry can compare spans of
 * different types; documented in {@code docs/detection.md}.
 */
public final class Confidence {

    /** A checksum (Luhn, mod-97, check letter) and the format both hold. */
    public static final double CHECKSUM = 0.95;
    /** A checksum holds and a context word stands before the value. */
    public static final double CHECKSUM_WITH_CONTEXT = 0.99;
    /** The value parses strictly (an e-mail address, an IP address) but has no checksum. */
    public static final double STRICT_FORMAT = 0.85;
    /** A specific shape with no checksum, such as a formatted phone number or a dashed SSN. */
    public static final double SPECIFIC_PATTERN = 0.7;
    /** A street with its unit, postcode or town: several independent parts agree. */
    public static final double FULL_ADDRESS = 0.75;
    /** A shape that is common in other data too; on its own just enough to report. */
    public static final double PATTERN = 0.55;
    /**
     * The shape of a checksummed type whose checksum fails (a mistyped card, IBAN or DNI), reported
     * only next to a context word for the type: a mistyped value is still personal data.
     */
    public static final double NEAR_MISS = 0.6;
    /** Added when a context word stands near the value. */
    public static final double CONTEXT_BOOST = 0.15;
    /** The most any pattern without a checksum may claim. */
    public static final double MAX_WITHOUT_CHECKSUM = 0.94;

    private Confidence() {}

    public static double checksum(boolean context) {
        return context ? CHECKSUM_WITH_CONTEXT : CHECKSUM;
    }

    public static double boosted(double base, boolean context) {
        // rounded so that 0.55 + 0.15 reads 0.7 in logs and policies, not 0.7000000000000001
        return context ? Math.round(Math.min(MAX_WITHOUT_CHECKSUM, base + CONTEXT_BOOST) * 100) / 100.0 : base;
    }
}
