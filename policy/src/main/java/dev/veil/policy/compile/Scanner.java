package dev.veil.policy.compile;

import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code scan} runs over free text: the built-in detectors of the types a policy lists and the
 * policy's own detectors, their spans merged so that no two overlap. Thread-safe; its only state
 * is a bounded memory of short texts in which nothing was found.
 */
public final class Scanner {

    /**
     * As the registry decides: higher confidence wins, then the longer span, then the earlier one
     * (then the type's name). Written out rather than chained from {@link Comparator}'s
     * combinators, whose lambdas cost more than the rest of a text's merge.
     */
    private static final Comparator<Span> PRECEDENCE = Scanner::precedence;

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

    /** How many texts are remembered as clean (for tests). */
    int remembered() {
        return clean.size();
    }

    private static int precedence(Span a, Span b) {
        int byConfidence = Double.compare(b.confidence(), a.confidence());
        if (byConfidence != 0) {
            return byConfidence;
        }
        int byLength = Integer.compare(b.length(), a.length());
        if (byLength != 0) {
            return byLength;
        }
        int byStart = Integer.compare(a.start(), b.start());
        return byStart != 0 ? byStart : a.type().name().compareTo(b.type().name());
    }

    /** The spans found in {@code text}, sorted by start, none overlapping another. */
    public List<Span> detect(String text) {
        if (own == null) {
            return builtIns == null ? List.of() : builtIns.detect(text);
        }
        if (builtIns == null) {
            return own.detect(text);
        }
        List<Span> found = new ArrayList<>(builtIns.detect(text));
        List<Span> theirs = own.detect(text);
        if (theirs.isEmpty()) {
            return List.copyOf(found);
        }
        found.addAll(theirs);
        found.sort(PRECEDENCE);
        TreeMap<Integer, Span> kept = new TreeMap<>();
        for (Span span : found) {
            Map.Entry<Integer, Span> before = kept.floorEntry(span.start());
            Map.Entry<Integer, Span> after = kept.ceilingEntry(span.start());
            boolean free = (before == null || !before.getValue().overlaps(span)) && (after == null || !after.getValue().overlaps(span));
            if (free) {
                kept.put(span.start(), span);
            }
        }
        return List.copyOf(kept.values());
    }
}
