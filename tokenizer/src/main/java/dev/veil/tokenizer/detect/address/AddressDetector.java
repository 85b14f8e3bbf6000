package dev.veil.tokenizer.detect.address;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.detect.Confidence;
import dev.veil.tokenizer.detect.Detector;
import dev.veil.tokenizer.detect.IndexedDetector;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import dev.veil.tokenizer.detect.TextIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Every built-in address detector in one: runs each of them and grows what each found to the whole
 * address as written (a second house number before the street, the words after it on its line, and
 * the unit, town, region, country and postal code after it), so that replacing an address leaves
 * none of it visible. See {@code docs/detection.md}.
 */
public final class AddressDetector implements IndexedDetector {

    /**
     * The detectors in order, and at the same places each as a {@link ScannedDetector} or {@link
     * IndexedDetector} if it is one (else null): typed once here rather than by an {@code instanceof}
     * and cast to an interface per detector and text (see {@code DetectorRegistry}).
     */
    private final Detector[] detectors;
    private final ScannedDetector[] scannedAt;
    private final IndexedDetector[] indexedAt;

    private AddressDetector(List<Detector> detectors) {
        this.detectors = detectors.toArray(Detector[]::new);
        this.scannedAt = new ScannedDetector[this.detectors.length];
        this.indexedAt = new IndexedDetector[this.detectors.length];
        for (int k = 0; k < this.detectors.length; k++) {
            if (this.detectors[k] instanceof ScannedDetector scanned) {
                scannedAt[k] = scanned;
            } else if (this.detectors[k] instanceof IndexedDetector indexed) {
                indexedAt[k] = indexed;
            }
        }
    }

    /** The street, Spanish, post box, UK postcode, labelled, name-first, continental and corner detectors. */
    public static AddressDetector defaults() {
        return of(List.of(new StreetAddressDetector(), new SpanishAddressDetector(), new PostalBoxDetector(),
                new UkPostcodeDetector(), new LabelledAddressDetector(), new NameFirstStreetDetector(),
                new ContinentalStreetDetector(), new IntersectionDetector()));
    }

    /** Runs {@code detectors}, each of type {@link PiiType#ADDRESS}, and grows their spans. */
    public static AddressDetector of(List<Detector> detectors) {
        requireNonNull(detectors, "detectors");
        for (Detector detector : detectors) {
            if (!detector.type().equals(PiiType.ADDRESS)) {
                throw new IllegalArgumentException("detector type: " + detector.type() + " (expected ADDRESS)");
            }
        }
        return new AddressDetector(detectors);
    }

    @Override
    public PiiType type() {
        return PiiType.ADDRESS;
    }

    @Override
    public void detect(String string, TextIndex index, List<Span> out) {
        List<Span> found = new ArrayList<>();
        // the word lists of all detectors are looked up once per word, for all of them
        AddressScan scan = AddressScan.of(string, index);
        // every parser below reads the characters the index copied, not the string (see Text)
        Text text = scan.text();
        for (int k = 0; k < detectors.length; k++) {
            if (scannedAt[k] != null) {
                scannedAt[k].detect(text, scan, found);
            } else if (indexedAt[k] != null) {
                indexedAt[k].detect(string, index, found);
            } else {
                detectors[k].detect(string, found);
            }
        }
        // each span found, and the whole address around it where that is more
        int count = found.size();
        int[] grownStarts = new int[count];
        int[] grownEnds = new int[count];
        AddressGrowth growth = count == 0 ? null : AddressGrowth.of(text, found);
        for (int k = 0; k < count; k++) {
            Span span = found.get(k);
            long grown = growth.grow(span.start(), span.end());
            int start = AddressGrowth.start(grown);
            int end = AddressGrowth.end(grown);
            out.add(span);
            if (start != span.start() || end != span.end()) {
                // a street or box with the block that follows is a full address: several parts agree.
                // Both go out: the registry keeps the whole address, or the street alone where the rest
                // would collide with a more confident span of another type (a phone on the next line)
                out.add(new Span(PiiType.ADDRESS, start, end,
                        end > span.end() ? Math.max(span.confidence(), Confidence.FULL_ADDRESS) : span.confidence()));
            }
            grownStarts[k] = start;
            grownEnds[k] = end;
        }
        // streets no detector knows, written as a number, a name and a number above a block with a postal code
        SpanCover cover = SpanCover.of(grownStarts, grownEnds);
        int[] numberStarts = index.numberStarts();
        // both readings below start with at most six digits and a blank, with more text after it:
        // the shared scan tested that once per number, for both
        UncasedAddress.Rejected rejected = new UncasedAddress.Rejected();
        for (int k : scan.blockStarts()) {
            int start = numberStarts[k];
            int digits = scan.digitsEnd(k);
            if (cover.coversAscending(start)) {
                continue;
            }
            int end = AddressBlock.numberedBlockEnd(text, start, digits);
            if (end < 0) {
                end = UncasedAddress.end(text, scan, k, rejected);
            }
            if (end > 0 && !cover.overlaps(start, end)) {
                out.add(new Span(PiiType.ADDRESS, start, end, Confidence.FULL_ADDRESS));
            }
        }
    }
}
