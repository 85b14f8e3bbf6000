package dev.veil.tokenizer.detect;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.detect.address.AddressDetector;
import dev.veil.tokenizer.detect.person.PersonDetector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a set of detectors over a text and resolves their overlaps by the {@link Overlaps} rule, so
 * that every character is claimed by at most one span, nothing is replaced twice, and no digit a
 * detector found is left out because a detector of another type found its neighbour. Immutable and
 * thread-safe.
 */
public final class DetectorRegistry {

    private final Map<PiiType, List<Detector>> detectors;
    /**
     * Every detector in the map's order, and at the same place the same detector as an {@link
     * IndexedDetector} if it is one (else null): typed once here, because an {@code instanceof} and
     * cast to an interface on every call, at a site that sees a dozen classes, was the largest leaf
     * frame of detection on short field values.
     */
    private final Detector[] all;
    private final IndexedDetector[] indexedAt;
    /** True if a detector reads the {@link TextIndex}: then the text is indexed before its view is made. */
    private final boolean indexed;

    private DetectorRegistry(Map<PiiType, List<Detector>> detectors) {
        this.detectors = detectors;
        this.all = detectors.values().stream().flatMap(List::stream).toArray(Detector[]::new);
        this.indexedAt = new IndexedDetector[all.length];
        boolean anyIndexed = false;
        for (int k = 0; k < all.length; k++) {
            if (all[k] instanceof IndexedDetector indexedDetector) {
                indexedAt[k] = indexedDetector;
                anyIndexed = true;
            }
        }
        this.indexed = anyIndexed;
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
     * encoding was rendered); every span is reported on the original characters. Where
     * candidates overlap, {@link Overlaps#resolve} decides what is reported.
     */
    public List<Span> detect(String text) {
        requireNonNull(text, "text");
        return detect(PreparedText.of(text));
    }

    /**
     * As {@link #detect(String)} on {@code text.text()}, reusing the index and view that another
     * registry made of the same text within this call (and leaving its own for the next).
     */
    public List<Span> detect(PreparedText text) {
        requireNonNull(text, "text");
        String original = text.text();
        // the index's pass notes where the view may differ from the text, so the view's builder
        // looks only there (for most texts: nowhere) instead of at every character again
        TextIndex index = indexed ? text.index() : text.indexIfMade();
        NormalizedText view = text.view();
        List<Span> found = new ArrayList<>();
        if (!view.changed() || view.decodedMarkup()) {
            detectIn(original, index, found);
        }
        if (view.changed()) {
            List<Span> inView = new ArrayList<>();
            detectIn(view.text(), indexed ? text.viewIndex() : null, inView);
            for (Span span : inView) {
                found.add(view.toOriginal(span));
            }
        }
        return Overlaps.resolve(text, found);
    }

    /** Runs every detector over {@code text} as it is, with its index if made already (else null). */
    private void detectIn(String text, TextIndex index, List<Span> found) {
        for (int k = 0; k < all.length; k++) {
            IndexedDetector indexedDetector = indexedAt[k];
            if (indexedDetector != null) {
                if (index == null) {
                    index = TextIndex.of(text);
                }
                indexedDetector.detect(text, index, found);
            } else {
                all[k].detect(text, found);
            }
        }
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
