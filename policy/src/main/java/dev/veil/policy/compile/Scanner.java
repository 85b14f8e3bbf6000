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
 * policy's own detectors, their spans merged so that no two overlap. Immutable and thread-safe.
 */
public final class Scanner {

    /** As the registry decides: higher confidence wins, then the longer span, then the earlier one. */
    private static final Comparator<Span> PRECEDENCE = Comparator.comparingDouble(Span::confidence).reversed()
            .thenComparing(Comparator.comparingInt(Span::length).reversed())
            .thenComparingInt(Span::start)
            .thenComparing(span -> span.type().name());

    private final DetectorRegistry builtIns;
    private final DetectorRegistry own;
    private final Set<PiiType> types;

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
