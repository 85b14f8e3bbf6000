package dev.veil.tokenizer.detect;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * The overlap rule: of candidate spans that overlap, which are reported, so that every character is
 * claimed by at most one span and nothing is replaced twice, yet no digit a detector found is let
 * through because a detector of another type found its neighbour.
 *
 * <ol>
 *   <li>Candidates are taken in precedence order (higher confidence, then the longer, then the
 *       earlier, then by type name); one none of whose characters is claimed yet is reported whole
 *       and claims them (a <em>winner</em>); the others lose. The winners are those of "most
 *       confident first, the rest dropped".
 *   <li>A loser that overlaps a winner of another type is then reported as its <em>pieces</em>, in
 *       the same order: each run of its characters that nothing claimed yet, from the run's first
 *       letter or digit to its last, is a span of the loser's type and confidence if it holds a
 *       digit (as the text reads: the {@code 20} of {@code %20} is none). A piece that only
 *       punctuation or space separates from a span of its own type, with the loser reaching over
 *       both, joins that span (at the higher confidence).
 * </ol>
 * So every digit of every candidate that lost to another type is inside some reported span: the
 * rule fails closed where a value is read two ways. A phone regrouped as {@code +34.63  61.74.12.3},
 * whose tail reads as an IP address, keeps the IP address and reports {@code 34.63} as a piece of
 * the phone, where dropping the phone let its country code through. A loser beaten only by its own
 * type is another reading of the same value's extent (an address block read from a cue word on,
 * an e-mail address with the word after it): the winner is the better one, and the rest is
 * dropped. Pieces without a digit are dropped too: on the benchmark corpora they were nearly all
 * cue words and markup ("her mailing address is", "br"), and reporting them lowered precision.
 */
public final class Overlaps {

    private static final Comparator<Span> PRECEDENCE = Overlaps::precedence;
    private static final Comparator<Span> BY_START = (a, b) -> Integer.compare(a.start(), b.start());

    private Overlaps() {}

    /**
     * The spans the rule reports for the candidates {@code found} in {@code text} (the text their
     * positions index), sorted by start, none overlapping another. Whether a piece holds a digit
     * is read in the text's normalized view, so the digits of {@code %20} or {@code &#32;} do not count.
     *
     * <p>Only spans that overlap another can lose, so the spans are sorted by start (a primitive
     * sort of packed start and index) and cut into groups that overlap among themselves; a span
     * alone is kept at once, and only a group is sorted by precedence. A loser's pieces lie inside
     * it, so groups share no character and each is decided as the whole list would be.
     */
    public static List<Span> resolve(PreparedText text, List<Span> found) {
        requireNonNull(text, "text");
        int size = found.size();
        if (size < 2) {
            return List.copyOf(found);
        }
        long[] byStart = new long[size];
        for (int k = 0; k < size; k++) {
            byStart[k] = (long) found.get(k).start() << 32 | k;
        }
        Arrays.sort(byStart);
        Reported kept = new Reported(size);
        int k = 0;
        while (k < size) {
            int from = k;
            int groupEnd = found.get((int) byStart[k]).end();
            for (k++; k < size; k++) {
                Span next = found.get((int) byStart[k]);
                if (next.start() >= groupEnd) {
                    break;
                }
                groupEnd = Math.max(groupEnd, next.end());
            }
            if (k - from == 1) {
                kept.add(found.get((int) byStart[from]));
            } else {
                resolveGroup(text, found, byStart, from, k, kept);
            }
        }
        return List.of(Arrays.copyOf(kept.spans, kept.count));
    }

    /** The spans reported so far, in an array that grows only when pieces outnumber the losers. */
    private static final class Reported {
        Span[] spans;
        int count;

        Reported(int capacity) {
            spans = new Span[capacity];
        }

        void add(Span span) {
            if (count == spans.length) {
                spans = Arrays.copyOf(spans, 2 * count);
            }
            spans[count++] = span;
        }
    }

    /** Decides the group {@code byStart[from, to)} and appends what it reports to {@code kept}, by start. */
    private static void resolveGroup(PreparedText text, List<Span> found, long[] byStart, int from, int to, Reported kept) {
        Span[] group = new Span[to - from];
        int groupStart = Integer.MAX_VALUE;
        int groupEnd = 0;
        boolean oneType = true;
        for (int k = from; k < to; k++) {
            Span span = found.get((int) byStart[k]);
            group[k - from] = span;
            groupStart = Math.min(groupStart, span.start());
            groupEnd = Math.max(groupEnd, span.end());
            oneType &= span.type().equals(group[0].type());
        }
        Arrays.sort(group, PRECEDENCE);
        // reported spans never overlap, so the claimed characters are marked once each
        BitSet claimed = new BitSet(groupEnd - groupStart);
        int first = kept.count;
        // in a group of one type (the same value found in the text and in its view, mostly) no
        // loser lost to another type, so none is noted
        Span[] losers = oneType ? null : new Span[group.length];
        int lost = 0;
        for (Span candidate : group) {
            int start = candidate.start() - groupStart;
            int end = candidate.end() - groupStart;
            int next = claimed.nextSetBit(start);
            if (next < 0 || next >= end) {
                claimed.set(start, end);
                kept.add(candidate);
            } else if (losers != null) {
                losers[lost++] = candidate;
            }
        }
        Arrays.sort(kept.spans, first, kept.count, BY_START);
        List<Piece> pieces = null;
        for (int k = 0; k < lost; k++) {
            if (lostToAnotherType(losers[k], kept.spans, first, kept.count)) {
                pieces = claimPieces(text, losers[k], groupStart, claimed, pieces);
            }
        }
        if (pieces != null) {
            join(kept, first, pieces);
        }
    }

    /** A loser's piece, with the loser. */
    private record Piece(Span span, Span loser) {}

    /** Whether a winner of another type overlaps {@code loser}; {@code winners[from, to)} are sorted by start (and disjoint, so by end). */
    private static boolean lostToAnotherType(Span loser, Span[] winners, int from, int to) {
        int low = from;
        int high = to;
        while (low < high) { // the first winner ending after the loser's start
            int middle = (low + high) >>> 1;
            if (winners[middle].end() <= loser.start()) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        for (int k = low; k < to && winners[k].start() < loser.end(); k++) {
            if (!winners[k].type().equals(loser.type())) {
                return true;
            }
        }
        return false;
    }

    /** Adds the loser's unclaimed pieces that hold a digit to {@code pieces} (made if null), and claims them. */
    private static List<Piece> claimPieces(PreparedText prepared, Span loser, int groupStart, BitSet claimed, List<Piece> pieces) {
        String text = prepared.text();
        int end = loser.end() - groupStart;
        for (int at = claimed.nextClearBit(loser.start() - groupStart); at < end; ) {
            int next = claimed.nextSetBit(at);
            int runEnd = next < 0 || next > end ? end : next;
            int pieceStart = Chars.indexOfCodePoint(text, at + groupStart, runEnd + groupStart, Character::isLetterOrDigit);
            if (pieceStart >= 0) {
                int pieceEnd = afterLastLetterOrDigit(text, pieceStart, runEnd + groupStart);
                if (prepared.view().readsDigit(pieceStart, pieceEnd)) {
                    claimed.set(pieceStart - groupStart, pieceEnd - groupStart);
                    if (pieces == null) {
                        pieces = new ArrayList<>();
                    }
                    pieces.add(new Piece(new Span(loser.type(), pieceStart, pieceEnd, loser.confidence()), loser));
                }
            }
            at = runEnd >= end ? end : claimed.nextClearBit(runEnd);
        }
        return pieces;
    }

    /**
     * Puts the pieces among the winners {@code kept[first, count)} (sorted by start), sorted by
     * start, joining a piece to the span next to it when both have one type and the piece's loser
     * reaches over the other: only punctuation or space lies between them (a letter or digit there
     * would be in the piece).
     */
    private static void join(Reported kept, int first, List<Piece> pieces) {
        List<Piece> all = new ArrayList<>(kept.count - first + pieces.size());
        for (int k = first; k < kept.count; k++) {
            all.add(new Piece(kept.spans[k], null));
        }
        all.addAll(pieces);
        all.sort((a, b) -> Integer.compare(a.span().start(), b.span().start()));
        kept.count = first;
        Span joined = all.get(0).span();
        Span lastLoser = all.get(0).loser();
        for (int k = 1; k < all.size(); k++) {
            Span next = all.get(k).span();
            Span nextLoser = all.get(k).loser();
            boolean reaches = nextLoser != null && nextLoser.start() < joined.end()
                    || lastLoser != null && lastLoser.end() > next.start();
            if (reaches && next.type().equals(joined.type())) {
                joined = new Span(joined.type(), joined.start(), next.end(), Math.max(joined.confidence(), next.confidence()));
            } else {
                kept.add(joined);
                joined = next;
            }
            lastLoser = nextLoser;
        }
        kept.add(joined);
    }

    /** Where the last letter or digit of {@code text[from, to)} ends; {@code text[from]} is one. */
    private static int afterLastLetterOrDigit(String text, int from, int to) {
        int i = to;
        while (i > from) {
            int c = text.codePointBefore(i);
            if (Character.isLetterOrDigit(c)) {
                return i;
            }
            i -= Character.charCount(c);
        }
        return i;
    }

    /** Higher confidence first; on a tie the longer (more specific) span; then the earlier one; then by type name. */
    private static int precedence(Span a, Span b) {
        int order = Double.compare(b.confidence(), a.confidence());
        if (order == 0) {
            order = Integer.compare(b.length(), a.length());
        }
        if (order == 0) {
            order = Integer.compare(a.start(), b.start());
        }
        return order != 0 ? order : a.type().name().compareTo(b.type().name());
    }
}
