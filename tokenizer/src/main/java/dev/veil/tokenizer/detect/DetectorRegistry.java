package dev.veil.tokenizer.detect;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.detect.address.AddressDetector;
import dev.veil.tokenizer.detect.person.PersonDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a set of detectors over a text and resolves their overlaps, so that every character is
 * claimed by at most one span and nothing is replaced twice. Immutable and thread-safe.
 */
public final class DetectorRegistry {

    /** Higher confidence wins; on a tie the longer (more specific) span; then the earlier one. */
    private static final Comparator<Span> PRECEDENCE = Comparator.comparingDouble(Span::confidence)
            .reversed()
            .thenComparing(Comparator.comparingInt(Span::length).reversed())
            .thenComparingInt(Span::start)
            .thenComparing(span -> span.type().name());
    private static final Comparator<Span> BY_START = Comparator.comparingInt(Span::start);

    private final Map<PiiType, List<Detector>> detectors;

    private DetectorRegistry(Map<PiiType, List<Detector>> detectors) {
        this.detectors = detectors;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A registry with every built-in detector; see {@code docs/detection.md} for what each one finds. */
    public static DetectorRegistry defaults() {
        return builder()
                .add(new CardNumberDetector())
                .add(new EmailDetector())
                .add(new ObfuscatedEmailDetector())
                .add(new PhoneDetector())
                .add(new IbanDetector())
                .add(new BankAccountDetector())
                .add(new UsSsnDetector())
                .add(new EsDniDetector())
                .add(new EsNieDetector())
                .add(new IpAddressDetector())
                .add(new DateOfBirthDetector())
                .add(AddressDetector.defaults())
                .add(new PersonDetector())
                .build();
    }

    /** The types this registry detects. */
    public Set<PiiType> types() {
        return detectors.keySet();
    }

    /** A registry with only the detectors of {@code types}; unknown types are an error. */
    public DetectorRegistry only(Collection<PiiType> types) {
        Builder builder = builder();
        for (PiiType type : types) {
            List<Detector> found = detectors.get(type);
            if (found == null) {
                throw new IllegalArgumentException("PII type: " + type + " (expected one of: " + detectors.keySet() + ")");
            }
            found.forEach(builder::add);
        }
        return builder.build();
    }

    /**
     * The spans found in {@code text}, sorted by start, none overlapping another. Detectors scan
     * the {@link NormalizedText} view of the text (and the text as written too when markup or an
     * encoding was rendered); every span is reported on the original characters.
     */
    public List<Span> detect(String text) {
        requireNonNull(text, "text");
        NormalizedText view = NormalizedText.of(text);
        List<Span> found = new ArrayList<>();
        if (!view.changed() || view.decodedMarkup()) {
            detectIn(text, found);
        }
        if (view.changed()) {
            List<Span> inView = new ArrayList<>();
            detectIn(view.text(), inView);
            for (Span span : inView) {
                found.add(view.toOriginal(span));
            }
        }
        return resolveOverlaps(found);
    }

    /** Runs every detector over {@code text} as it is. */
    private void detectIn(String text, List<Span> found) {
        TextIndex index = null;
        for (List<Detector> list : detectors.values()) {
            for (Detector detector : list) {
                if (detector instanceof IndexedDetector) {
                    if (index == null) {
                        index = TextIndex.of(text);
                    }
                    ((IndexedDetector) detector).detect(text, index, found);
                } else {
                    detector.detect(text, found);
                }
            }
        }
    }

    static List<Span> resolveOverlaps(List<Span> found) {
        if (found.size() < 2) {
            return List.copyOf(found);
        }
        found.sort(PRECEDENCE);
        // a candidate is kept iff none of its characters is claimed yet; kept spans never overlap,
        // so the claimed characters are marked once each, and no map of boxed positions is needed
        int length = 0;
        for (Span span : found) {
            length = Math.max(length, span.end());
        }
        BitSet claimed = new BitSet(length);
        Span[] kept = new Span[found.size()];
        int count = 0;
        for (Span candidate : found) {
            int next = claimed.nextSetBit(candidate.start());
            if (next < 0 || next >= candidate.end()) {
                claimed.set(candidate.start(), candidate.end());
                kept[count++] = candidate;
            }
        }
        Arrays.sort(kept, 0, count, BY_START);
        return List.of(Arrays.copyOf(kept, count));
    }

    /** Collects detectors; several may share a type. */
    public static final class Builder {

        private final Map<PiiType, List<Detector>> detectors = new LinkedHashMap<>();

        private Builder() {}

        public Builder add(Detector detector) {
            requireNonNull(detector, "detector");
            detectors.computeIfAbsent(detector.type(), t -> new ArrayList<>()).add(detector);
            return this;
        }

        public DetectorRegistry build() {
            Map<PiiType, List<Detector>> copy = new LinkedHashMap<>();
            detectors.forEach((type, list) -> copy.put(type, List.copyOf(list)));
            return new DetectorRegistry(Collections.unmodifiableMap(copy));
        }
    }
}
