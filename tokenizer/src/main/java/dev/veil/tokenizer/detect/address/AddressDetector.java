package dev.veil.tokenizer.detect.address;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.detect.Confidence;
import dev.veil.tokenizer.detect.Detector;
import dev.veil.tokenizer.detect.IndexedDetector;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import dev.veil.tokenizer.detect.TextIndex;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** Whether {@code text[start, end)} holds more than one part of an address: a comma or a line break. */
    private static boolean severalParts(Text text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '\n') {
                return true;
            }
        }
        return false;
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
        List<Span> grown = new ArrayList<>(found.size());
        // sorted starts and ends, so each span finds its neighbours by bisection, not a scan of all
        int[] starts = new int[found.size()];
        int[] ends = new int[found.size()];
        for (int k = 0; k < starts.length; k++) {
            starts[k] = found.get(k).start();
            ends[k] = found.get(k).end();
        }
        Arrays.sort(starts);
        Arrays.sort(ends);
        for (Span span : found) {
            // grow up to the next address found, never over it: two addresses stay two
            int next = SpanCover.firstAtOrAfter(starts, span.end());
            int limit = next < starts.length ? starts[next] : text.length();
            int before = SpanCover.firstAtOrAfter(ends, span.start() + 1) - 1;
            int floor = before >= 0 ? ends[before] : 0;
            int start = AddressBlock.grownStart(text, span.start(), floor);
            int cue = AddressBlock.cornerCueStart(text, start, floor);
            int end = AddressBlock.cornerEnd(text, span.end(), limit);
            if (cue >= 0) {
                // "the corner of 25 Elm Street and King Forges": the cue and both streets
                start = cue;
                end = AddressBlock.cornerSecondEnd(text, end, limit);
            }
            end = AddressBlock.grownEnd(text, end, limit);
            int uncased = UncasedAddress.tailEnd(text, end);
            if (uncased > end && uncased <= limit) {
                end = uncased; // "… lindenweg 4, suite 7, aurach, austria 4861": parts in lower case
            }
            if (cue < 0 && start == span.start() && severalParts(text, start, end)) {
                int named = AddressBlock.nameBeforeStart(text, start, floor);
                if (named >= 0) {
                    start = named; // "at Storgarden 52 Lerke Road, …": the street's own name before the number
                }
            }
            out.add(span);
            // a street or box with the block that follows is a full address: several parts agree
            Span whole = start == span.start() && end == span.end() ? span : new Span(PiiType.ADDRESS, start, end,
                    end > span.end() ? Math.max(span.confidence(), Confidence.FULL_ADDRESS) : span.confidence());
            if (whole != span) {
                // both: the registry keeps the whole address, or the street alone where the rest
                // would collide with a more confident span of another type (a phone on the next line)
                out.add(whole);
            }
            grown.add(whole);
        }
        // streets no detector knows, written as a number, a name and a number above a block with a postal code
        SpanCover cover = SpanCover.of(grown);
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
