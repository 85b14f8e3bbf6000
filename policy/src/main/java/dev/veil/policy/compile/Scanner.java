package dev.veil.policy.compile;

import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.Overlaps;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.PreparedText;
import dev.veil.tokenizer.detect.Span;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code scan} runs over free text: the built-in detectors of the types a policy lists and the
 * policy's own detectors, their spans merged so that no two overlap. Thread-safe; its only state
 * is a bounded memory of short texts in which nothing was found.
 */
public final class Scanner {

    /** Texts up to this long whose scan found nothing are remembered (member names, mostly). */
    static final int MAX_REMEMBERED_LENGTH = 64;
    /** At most this many are remembered; past it, texts are scanned every time. */
    static final int MAX_REMEMBERED = 4096;

    private final DetectorRegistry builtIns;
    private final DetectorRegistry own;
    private final Set<PiiType> types;
    /** Short texts in which nothing was found; never a text that holds a span. */
    private final Set<String> clean = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Scanner(DetectorRegistry builtIns, DetectorRegistry own) {
        this.builtIns = builtIns.types().isEmpty() ? null : builtIns;
        this.own = own.types().isEmpty() ? null : own;
        Set<PiiType> all = new LinkedHashSet<>(builtIns.types());
        all.addAll(own.types());
        this.types = java.util.Collections.unmodifiableSet(all);
    }

    /** The types found. */
    public Set<PiiType> types() {
        return types;
    }

    /**
     * Whether {@link #detect} finds nothing in {@code text}, as it would say, answered from memory
     * for a short text seen before: a ticket's member names recur in every ticket of its shape.
     * Only texts without spans are remembered, so no personal data a detector knows stays here.
     */
    public boolean findsNothingIn(String text) {
        if (clean.contains(text)) {
            return true;
        }
        boolean nothing = detect(text).isEmpty();
        if (nothing && text.length() <= MAX_REMEMBERED_LENGTH && clean.size() < MAX_REMEMBERED) {
            clean.add(text);
        }
        return nothing;
    }

    /**
     * Whether {@code text} is one of the short texts remembered as clean: what
     * {@link #findsNothingIn} answers from memory, in one look-up and without scanning; false
     * says only that it would have to scan.
     */
    public boolean remembersClean(String text) {
        return clean.contains(text);
    }

    /** How many texts are remembered as clean (for tests). */
    int remembered() {
        return clean.size();
    }

    /** The spans found in {@code text}, sorted by start, none overlapping another. */
    public List<Span> detect(String text) {
        if (own == null) {
            return builtIns == null ? List.of() : builtIns.detect(text);
        }
        if (builtIns == null) {
            return own.detect(text);
        }
        // both registries scan the same index and view of the text, made once for this call
        PreparedText prepared = PreparedText.of(text);
        List<Span> ours = builtIns.detect(prepared);
        List<Span> theirs = own.detect(prepared);
        return theirs.isEmpty() ? ours : merge(prepared, ours, theirs);
    }

    /**
     * The spans of both lists (each sorted by start, none overlapping another in its own list) as
     * the registry's overlap rule reports them when taken together ({@link Overlaps#resolve}): a
     * policy's own detector that wins over a built-in one of another type leaves no digit of it
     * uncovered, and the other way round.
     */
    static List<Span> merge(PreparedText text, List<Span> ours, List<Span> theirs) {
        List<Span> apart = interleaved(ours, theirs);
        if (apart != null) {
            return apart;
        }
        List<Span> found = new ArrayList<>(ours.size() + theirs.size());
        found.addAll(ours);
        found.addAll(theirs);
        return Overlaps.resolve(text, found);
    }

    /**
     * Both lists in one, sorted by start, if no span of one overlaps a span of the other (then no
     * span claims another's characters and {@link #merge} keeps them all); else {@code null}. The
     * usual case (an order number beside a card or a phone) in one pass, with no sort.
     */
    private static List<Span> interleaved(List<Span> ours, List<Span> theirs) {
        Span[] all = new Span[ours.size() + theirs.size()];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < ours.size() && j < theirs.size()) {
            Span a = ours.get(i);
            Span b = theirs.get(j);
            if (a.end() <= b.start()) {
                all[k++] = a;
                i++;
            } else if (b.end() <= a.start()) {
                all[k++] = b;
                j++;
            } else {
                return null; // they overlap: precedence decides
            }
        }
        while (i < ours.size()) {
            all[k++] = ours.get(i++);
        }
        while (j < theirs.size()) {
            all[k++] = theirs.get(j++);
        }
        return List.of(all);
    }
}
