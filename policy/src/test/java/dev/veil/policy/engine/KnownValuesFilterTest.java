package dev.veil.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.policy.model.Action;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The start filter of known-value propagation finds exactly what an unfiltered RE2 search finds. */
class KnownValuesFilterTest {

    private static final String[] VALUES = {
        "Dana Whitfield", "dana.whitfield@example.com", "+1 415 555 0132", "123-45-6789", "Lucía García",
        "ſtraße 12", "KELVIN K", "İstanbul Cad.", "4111 1111 1111 1111", "ES76 2077 0024 0031 0257 5766", "(415) 555-0199",
    };
    private static final String[] NOISE = {
        "dana", "DANA WHITFIELD", "dana whitfield", "415 555 0132", "(415) 555-0132", "4155550132", "+14155550132",
        "1234567", "lucía garcía", "LUCÍA GARCÍA", "straße 12", "STRASSE", "kelvin k", "istanbul cad.", "İSTANBUL CAD.",
        "4111111111111111", "4111-1111-1111-1111", "es7620770024003102575766", "x", " ", ".", "-", "(", "+", "\n", "é", "ß",
        "Kelvin", "whitfield@example.com", "dana.whitfield@example.community", "a4155550199b", "415.555.0199", "1 415 555 0132",
    };

    @Test
    void theFilteredSearchFindsWhatTheUnfilteredOneFinds() {
        SplittableRandom random = new SplittableRandom(12);
        for (int round = 0; round < 300; round++) {
            KnownValues known = new KnownValues();
            int values = 1 + random.nextInt(VALUES.length);
            for (int i = 0; i < values; i++) {
                String value = VALUES[random.nextInt(VALUES.length)];
                known.add(value, new KnownValues.Known("<" + i + ">", "TYPE", Action.TOKENIZE, null, "rule", null, null));
            }
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(60);
            for (int i = 0; i < parts; i++) {
                String part = random.nextInt(3) == 0 ? VALUES[random.nextInt(VALUES.length)] : NOISE[random.nextInt(NOISE.length)];
                text.append(part).append(random.nextInt(4) == 0 ? "" : " ");
            }
            String t = text.toString();
            List<KnownValues.Hit> expected = known.findUnfiltered(t);
            assertThat(known.find(t)).as("text %s", t).isEqualTo(expected);
        }
    }

    /**
     * A call's texts are walked in one buffer, which holds the end of a longer text walked before:
     * a shorter text ends where it ends (a number or name the old end would complete is not found).
     */
    @Test
    void aTextWalkedAfterALongerOneEndsWhereItEnds() {
        KnownValues known = new KnownValues();
        known.add("+1 415 555 0132", new KnownValues.Known("<phone>", "PHONE", Action.TOKENIZE, null, "rule", null, null));
        known.add("Dana Whitfield", new KnownValues.Known("<name>", "PERSON", Action.TOKENIZE, null, "rule", null, null));
        for (String longer : List.of("call 415 555 0132 now", "Dana Whitfield called")) {
            assertThat(known.find(longer)).as(longer).hasSize(1);
            for (int end = longer.length() - 1; end > 0; end--) {
                String shorter = longer.substring(0, end);
                assertThat(known.find(shorter)).as(shorter).isEqualTo(known.findUnfiltered(shorter));
            }
        }
        assertThat(known.find("415 555 0132")).hasSize(1);
    }

    /**
     * Views of one call share a trie (a view keeping the requester's name knows fewer values): a
     * view replaying the matches of a trie built for more values, or for other values first, finds
     * exactly what the unfiltered search of its own values finds, RE2 fallback included.
     */
    @Test
    void viewsSharingATrieEachFindWhatTheirOwnSearchFinds() {
        SplittableRandom random = new SplittableRandom(41);
        for (int round = 0; round < 300; round++) {
            KnownScans shared = new KnownScans();
            List<String> first = new java.util.ArrayList<>();
            int values = 1 + random.nextInt(8);
            for (int i = 0; i < values; i++) {
                first.add(random.nextBoolean() ? VALUES[random.nextInt(VALUES.length)] : MORE_VALUES[random.nextInt(MORE_VALUES.length)]);
            }
            List<KnownValues> views = new java.util.ArrayList<>();
            for (int view = 0; view < 3; view++) {
                KnownValues known = new KnownValues(shared);
                for (int i = 0; i < first.size(); i++) {
                    if (view == 0 || random.nextInt(3) != 0) {
                        known.add(first.get(i), new KnownValues.Known("<" + view + "." + i + ">", "T", Action.TOKENIZE, null, "r", null, null));
                    }
                }
                if (view == 2 && random.nextBoolean()) {
                    // a value the first view does not know: this view's trie is its own
                    known.add(MORE_VALUES[random.nextInt(MORE_VALUES.length)], new KnownValues.Known("<extra>", "T", Action.TOKENIZE, null, "r", null, null));
                }
                views.add(known);
            }
            for (int t = 0; t < 3; t++) {
                StringBuilder text = new StringBuilder();
                int parts = random.nextInt(30);
                for (int i = 0; i < parts; i++) {
                    String part = random.nextInt(3) == 0 ? first.get(random.nextInt(first.size()))
                            : random.nextBoolean() ? NOISE[random.nextInt(NOISE.length)] : MORE_NOISE[random.nextInt(MORE_NOISE.length)];
                    text.append(part).append(random.nextInt(3) == 0 ? "" : " ");
                }
                String s = text.toString();
                for (KnownValues known : views) {
                    assertThat(known.find(s)).as("text %s", s).isEqualTo(known.findUnfiltered(s));
                }
            }
        }
    }

    /**
     * A hit is looked up by the alternative the trie matched, not by its text in lower case: the
     * two agree, also for a number written as a literal known as something else, and for a text
     * that folds to a literal in RE2 but lower-cases to another string (the long s), where the
     * text's own look-up finds nothing.
     */
    @Test
    void aHitLookedUpByItsAlternativeIsWhatItsTextLooksUp() {
        KnownValues known = new KnownValues();
        known.add("(415) 555-0199", new KnownValues.Known("<first>", "PHONE", Action.TOKENIZE, null, "r", null, null));
        known.add("415.555.0199", new KnownValues.Known("<second>", "PHONE", Action.TOKENIZE, null, "r", null, null));
        known.add("strasse 12", new KnownValues.Known("<street>", "ADDRESS", Action.TOKENIZE, null, "r", null, null));
        String text = "call 415.555.0199 or 415 555 0199 at \u017ftrasse 12 or STRASSE 12";
        assertThat(known.find(text)).extracting(hit -> hit.known().replacement())
                .containsExactly("<second>", "<first>", "<street>");
        assertThat(known.find(text)).isEqualTo(known.findUnfiltered(text));

        String[] values = {"(415) 555-0199", "415.555.0199", "+1 415 555 0199", "4155550199", "strasse 12", "\u017ftrasse 12",
            "Kelvin K", "\u212Aelvin k", "Dana Whitfield", "Lucía García", "123-45-6789", "123 45 6789"};
        String[] noise = {"415-555-0199", "(415)5550199", "STRASSE 12", "\u017fTRASSE 12", "kelvin \u212A", "DANA whitfield",
            "LUCÍA garcía", "123456789", " ", "x", "-", "+", "("};
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 300; round++) {
            KnownValues each = new KnownValues();
            int count = 1 + random.nextInt(values.length);
            for (int i = 0; i < count; i++) {
                // each value its own replacement: a look-up by the wrong value shows
                each.add(values[random.nextInt(values.length)], new KnownValues.Known("<" + i + ">", "T", Action.TOKENIZE, null, "r", null, null));
            }
            StringBuilder words = new StringBuilder();
            int parts = random.nextInt(30);
            for (int i = 0; i < parts; i++) {
                words.append(random.nextBoolean() ? values[random.nextInt(values.length)] : noise[random.nextInt(noise.length)]);
                words.append(random.nextInt(3) == 0 ? "" : " ");
            }
            String t = words.toString();
            assertThat(each.find(t)).as("text %s", t).isEqualTo(each.findUnfiltered(t));
        }
    }

    @Test
    void aValueIsFoundInAnyCaseAndANumberInAnyGrouping() {
        KnownValues known = new KnownValues();
        known.add("Dana Whitfield", new KnownValues.Known("<name>", "PERSON", Action.TOKENIZE, null, "rule", null, null));
        known.add("+1 415 555 0132", new KnownValues.Known("<phone>", "PHONE", Action.TOKENIZE, null, "rule", null, null));
        String text = "DANA WHITFIELD called from (415) 555-0132 about dana whitfield's order";
        assertThat(known.find(text)).extracting(hit -> text.substring(hit.start(), hit.end()))
                .containsExactly("DANA WHITFIELD", "(415) 555-0132", "dana whitfield");
    }

    /**
     * The premise {@link KnownValues#literalEnd} rests on: under RE2's {@code (?i)} the only
     * characters outside ASCII that match an ASCII character are the Kelvin sign and the long s.
     */
    @Test
    void onlyTheKelvinSignAndTheLongSFoldIntoAscii() {
        com.google.re2j.Matcher ascii = com.google.re2j.Pattern.compile("(?i)[\\x00-\\x7f]").matcher("");
        List<Integer> folding = new java.util.ArrayList<>();
        for (int c = 0x80; c <= 0x10FFFF; c++) {
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                continue;
            }
            if (ascii.reset(new String(Character.toChars(c))).matches()) {
                folding.add(c);
            }
        }
        assertThat(folding).containsExactly(0x017F, 0x212A);
    }

    /**
     * Where {@link CaseFold} decides a literal's character against a text's, RE2 decides the same:
     * ASCII keys against the first 2,048 characters (no other folds into ASCII: the test above), the Kelvin sign and the long s; every pair of
     * characters of Latin-1 and Latin Extended-A and B (where Java decides by case mapping).
     */
    @Test
    void caseFoldDecidesAsRe2Does() {
        StringBuilder keys = new StringBuilder("abcdefghijklmnopqrstuvwxyz0123456789 .-@'+(");
        for (char c = CaseFold.LATIN_FIRST; c <= CaseFold.LATIN_LAST; c++) {
            keys.append(c);
        }
        int decided = 0;
        for (char l : keys.toString().toCharArray()) {
            com.google.re2j.Matcher re2 = com.google.re2j.Pattern.compile("(?i)" + com.google.re2j.Pattern.quote(String.valueOf(l))).matcher("");
            char key = CaseFold.key(l);
            boolean latin = l >= CaseFold.LATIN_FIRST;
            int last = latin ? CaseFold.LATIN_LAST : 0x0800;
            for (int t = 0; t <= last + 2; t++) {
                char text = t == last + 1 ? CaseFold.KELVIN : t == last + 2 ? CaseFold.LONG_S : (char) t;
                if (Character.isSurrogate(text)) {
                    continue;
                }
                int m = CaseFold.matches(key, text);
                if (m != CaseFold.UNDECIDED) {
                    decided++;
                    assertThat(m == CaseFold.YES).as("key U+%04X on U+%04X", (int) l, (int) text).isEqualTo(re2.reset(String.valueOf(text)).matches());
                }
            }
        }
        assertThat(decided).isGreaterThan(250_000);
    }

    /** The tries fall back to RE2 with the very pattern the unfiltered search uses (the same alternatives in the same order). */
    @Test
    void theTriesFallBackToTheReferencePattern() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            KnownValues known = new KnownValues();
            int values = 1 + random.nextInt(12);
            for (int i = 0; i < values; i++) {
                known.add(MORE_VALUES[random.nextInt(MORE_VALUES.length)], new KnownValues.Known("<" + i + ">", "T", Action.TOKENIZE, null, "r", null, null));
            }
            assertThat(known.trieRegex()).isEqualTo(known.unfilteredRegex());
        }
    }

    /** The tries order literals of one quoted length as their quoted forms compare, without writing them. */
    @Test
    void quotedFormsCompareAsPatternQuoteDoes() {
        SplittableRandom random = new SplittableRandom(3);
        String alphabet = "ab\\.+*?()|[]{}^$Z-";
        for (int round = 0; round < 20_000; round++) {
            String a = randomString(random, alphabet);
            String b = randomString(random, alphabet);
            int expected = Integer.signum(com.google.re2j.Pattern.quote(a).compareTo(com.google.re2j.Pattern.quote(b)));
            assertThat(Integer.signum(ValueTrie.compareQuoted(a, b))).as("%s vs %s", a, b).isEqualTo(expected);
        }
    }

    private static String randomString(SplittableRandom random, String alphabet) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static final String[] MORE_VALUES = {
        "Dana Whitfield", "dana.whitfield@example.com", "+1 415 555 0132", "123-45-6789", "Lucía García", "ſtraße 12", "KELVIN K",
        "İstanbul Cad.", "4111 1111 1111 1111", "ES76 2077 0024 0031 0257 5766", "(415) 555-0199", "Óscar Núñez", "Ángela López",
        "Çağrı Işık", "Σοφία Παπαδοπούλου", "Ægir Ødegård", "µ-Meter 42", "𝒜lice 𝒷", "Zoë Ÿvonne", "José", "López", "Núñez",
        "+34 612 345 678", "612345678", "415.555.0132", "Straße", "ǅemal", "a+b (c) [d] {e} ^f$ g|h*i?", "ﬁle ﬂow", "Kelvin", "kels",
    };
    private static final String[] MORE_NOISE = {
        "LÓPEZ", "lopez", "LÓPEz", "léfono", "lóp", "óscar", "ÓSCAR NÚÑEZ", "óSCAR", "ángela lópez", "ÁNGELA", "çağri ışık", "ÇAĞRI IŞIK",
        "ΣΟΦΊΑ", "σοφία παπαδοπούλου", "σοφια", "æGIR øDEGÅRD", "ÆGIR", "Μ-meter 42", "μ-meter 42", "𝒜LICE", "𝒜lice", "zoë ÿvonne",
        "ZOË ŸVONNE", "JOSÉ", "josé", "jose", "ſtrasse", "STRASSE 12", "strasse 12", "ẞtraße", "Ǆemal", "ǆemal", "A+B (C) [D] {E} ^F$ G|H*I?",
        "FILE FLOW", "ﬁle", "Kelvin", "KLS", "kelſ", "+34 612 345 678", "(612) 345-678", "6 1 2 3 4 5 6 7 8", "+1 (415) 555-0132",
        "á", "é", "í", "ó", "ú", "ñ", "¿", "¡", "€", "́", "é", "x", " ", ".", "-", "(", "+", "\n", "0", "1", "ß", "İ", "ı", "ſ",
        "Привет мир", "ОСКАР", "東京都 港区", "σοφία", "ΣΟΦΙΑ", "ς", "Ω", "Ω", "Å", "Å", "ϴ", "θ",
    };

    /**
     * A literal that starts outside ASCII makes only characters of its first letter's case orbit
     * candidates: text in other scripts is turned down at once instead of sent to RE2 everywhere.
     */
    @Test
    void aLiteralStartingOutsideAsciiIsTriedOnlyWhereItsFirstLetterStands() {
        ValueTrie trie = ValueTrie.of(List.of("óscar", "σοφία"), List.of());
        String text = "Привет 東京 Ωmega ÓSCAR óscar Σοφία ΣΟΦΊΑ ς";
        for (int p = 0; p < text.length(); p++) {
            char c = text.charAt(p);
            boolean firstLetter = "óÓσΣς".indexOf(c) >= 0;
            assertThat(trie.mayStartAt(text, p)).as("at %d (%s)", p, c).isEqualTo(firstLetter);
        }
    }

    /**
     * The tries with the RE2 fallback find exactly what the unfiltered RE2 search finds, on texts
     * made of values and near misses outside ASCII (other cases, accents, Greek, Turkish i, long s,
     * Kelvin sign, surrogate pairs, ligatures, regrouped numbers), cut at random places.
     */
    @Test
    void theTriesFindWhatTheUnfilteredSearchFindsOutsideAscii() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int round = 0; round < 300; round++) {
            KnownValues known = new KnownValues();
            int values = 1 + random.nextInt(10);
            for (int i = 0; i < values; i++) {
                known.add(MORE_VALUES[random.nextInt(MORE_VALUES.length)], new KnownValues.Known("<" + i + ">", "T", Action.TOKENIZE, null, "r", null, null));
            }
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(30);
            for (int i = 0; i < parts; i++) {
                String part = random.nextInt(3) == 0 ? MORE_VALUES[random.nextInt(MORE_VALUES.length)] : MORE_NOISE[random.nextInt(MORE_NOISE.length)];
                text.append(part).append(random.nextInt(3) == 0 ? "" : " ");
            }
            // a cut anywhere, even between a surrogate pair's halves, as a text may end mid-value
            String t = text.substring(0, text.length() == 0 ? 0 : random.nextInt(text.length() + 1));
            assertThat(known.find(t)).as("text %s", t).isEqualTo(known.findUnfiltered(t));
        }
    }

    /**
     * Round 7 keeps rows of the start table only for characters that start a value, and numbers in
     * edge lists: a value set starting with (nearly) every ASCII character, numbers sharing long
     * prefixes, and texts of them regrouped and cut, find exactly what the unfiltered search finds.
     */
    @Test
    void manyStartsAndNumbersSharingPrefixesFindWhatTheUnfilteredSearchFinds() {
        List<String> values = new java.util.ArrayList<>();
        for (char c = 1; c < 128; c++) {
            if (!Character.isWhitespace(c) && !(c >= 'A' && c <= 'Z')) {
                values.add(c + "v" + (int) c + "w"); // strip() would take a leading blank; upper case is folded
            }
        }
        values.addAll(List.of("+1 415 555 0132", "+1 415 555 0199", "4155550100", "41555501", "415555", "4155550132 9", "0044 20 7946 0958"));
        SplittableRandom random = new SplittableRandom(77);
        for (int round = 0; round < 200; round++) {
            KnownValues known = new KnownValues();
            int count = 1 + random.nextInt(values.size());
            for (int i = 0; i < count; i++) {
                known.add(values.get(random.nextInt(values.size())), new KnownValues.Known("<" + i + ">", "T", Action.TOKENIZE, null, "r", null, null));
            }
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(40);
            for (int i = 0; i < parts; i++) {
                String part = values.get(random.nextInt(values.size()));
                if (random.nextBoolean()) {
                    part = part.toUpperCase(java.util.Locale.ROOT).replace(" ", random.nextBoolean() ? "-" : "").replace("55", "5 5");
                }
                text.append(random.nextInt(5) == 0 ? (char) random.nextInt(128) : "").append(part).append(random.nextInt(3) == 0 ? "" : " ");
            }
            String t = text.substring(0, text.length() == 0 ? 0 : random.nextInt(text.length() + 1));
            assertThat(known.find(t)).as("text %s", t).isEqualTo(known.findUnfiltered(t));
        }
    }

    /** A text searched again after a value was added is searched with that value too (the replayed hits are the old trie's). */
    @Test
    void aTextSearchedAgainAfterAnAddFindsTheNewValue() {
        KnownScans shared = new KnownScans();
        KnownValues first = new KnownValues(shared);
        KnownValues second = new KnownValues(shared);
        String text = "Dana Whitfield called from +1 415 555 0132 about order 9912345";
        first.add("Dana Whitfield", new KnownValues.Known("<name>", "PERSON", Action.TOKENIZE, null, "r", null, null));
        second.add("Dana Whitfield", new KnownValues.Known("<name2>", "PERSON", Action.TOKENIZE, null, "r", null, null));
        assertThat(first.find(text)).extracting(KnownValues.Hit::end).containsExactly(14);
        assertThat(second.find(text)).extracting(hit -> hit.known().replacement()).containsExactly("<name2>");
        first.add("+1 415 555 0132", new KnownValues.Known("<phone>", "PHONE", Action.TOKENIZE, null, "r", null, null));
        assertThat(first.find(new String(text))).extracting(hit -> hit.known().replacement()).containsExactly("<name>", "<phone>");
        assertThat(second.find(text)).extracting(hit -> hit.known().replacement()).containsExactly("<name2>");
        assertThat(first.find(text)).isEqualTo(first.findUnfiltered(text));
        assertThat(first.find("nothing known here")).isEmpty();
    }
}
