package dev.veil.policy.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The known-value tries of one document, shared by the views of one {@link PolicyEngine#applyViews}
 * call, with every match each trie found in each text: a view knows the same values as another, or
 * fewer (a view that keeps the requester's name does not look for it), so it replays the matches
 * of a trie it shares instead of building its own and walking every text again. Held with the
 * call's {@link Detections} and dropped with them (they hold the document's values); not
 * thread-safe.
 */
final class KnownScans {

    /** A trie shared by views, and what it matched in each text so far. */
    static final class Shared {

        private final ValueTrie trie;
        private final TextTable<ValueMatches> byText;
        private final KnownScans scans;

        private Shared(ValueTrie trie, KnownScans scans) {
            this.trie = trie;
            this.scans = scans;
            this.byText = new TextTable<>(scans.expectedTexts);
        }

        ValueTrie trie() {
            return trie;
        }

        /**
         * Every match of the trie in {@code text}, found the first time a view asks (with what each
         * view made of them, {@link ValueMatches#replayed}).
         */
        ValueMatches matches(String text) {
            ValueMatches matches = byText.get(text);
            if (matches == null) {
                matches = trie.matchAll(text, scans.scratch(text.length()));
                byText.put(text, matches);
            }
            return matches;
        }
    }

    /** A shared trie and which of its alternatives are one view's values ({@code null}: all of them). */
    record Use(Shared shared, boolean[] enabled) {}

    private final List<Shared> tries = new ArrayList<>(2);
    /** How many texts the call expects to search, to size each trie's map of matches ({@link #expectTexts}). */
    private int expectedTexts;
    /** The copy of the text a trie walks, grown to the call's longest ({@link ValueTrie#matchAll}); this call's only. */
    private char[] scratch = new char[0];

    /**
     * Makes the buffer hold at least {@code length} characters: a view reserves its longest text
     * before it searches any, so that a call makes one buffer, not one per longer text.
     */
    void reserve(int length) {
        if (scratch.length < length) {
            scratch = new char[length];
        }
    }

    /** Sizes the tries' maps of matches for {@code texts} texts, as {@link Detections#expectTexts} does its own. */
    void expectTexts(int texts) {
        expectedTexts = texts;
        for (Shared shared : tries) {
            shared.byText.reserve(texts);
        }
    }

    /** A buffer of at least {@code length} characters, for one walk at a time. */
    char[] scratch(int length) {
        reserve(length);
        return scratch;
    }

    /** A trie holding every one of {@code literals} and {@code numbers}: one built already, else a new one. */
    Use forValues(Set<String> literals, Set<String> numbers) {
        for (Shared shared : tries) {
            boolean[] enabled = shared.trie.subset(literals, numbers);
            if (enabled != null) {
                return new Use(shared, allSet(enabled) ? null : enabled);
            }
        }
        Shared made = new Shared(ValueTrie.of(literals, numbers), this);
        tries.add(made);
        return new Use(made, null);
    }

    private static boolean allSet(boolean[] enabled) {
        for (boolean on : enabled) {
            if (!on) {
                return false;
            }
        }
        return true;
    }
}
