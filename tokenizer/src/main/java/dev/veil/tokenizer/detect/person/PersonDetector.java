package dev.veil.tokenizer.detect.person;

import dev.veil.tokenizer.detect.Chars;
import dev.veil.tokenizer.detect.IndexedDetector;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import dev.veil.tokenizer.detect.TextIndex;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds people's names in English and Spanish free text from the words around them: an
 * introduction ("my name is", "me llamo", "I'm", "soy", "a nombre de"), a relative ("my son Leo",
 * "mi hija Ana"), the answer to a question
 * about a name ("What's your name? Ana Ruiz"), a greeting ("Hi Ana,"), a form label at the start of
 * a line ("Name:", "Nombre:", "Ship to:"), a sign-off that ends a line ("Thanks, Maria",
 * "Un saludo, Pedro") or an honorific ("Mr", "Dr.", "Sra.", "D."). Only capitalised words right
 * after the cue count as a name, and a stop-list of common capitalised words ("This is Urgent",
 * "Hi Team") keeps precision high; a name with no cue is not found.
 */
public final class PersonDetector implements IndexedDetector {

    /** A form label or an explicit introduction: the next capitalised words are meant as a name. */
    private static final double STATED = 0.75;
    /** A greeting, sign-off, honorific or "I'm"/"soy": usually a name, sometimes not. */
    private static final double CUED = 0.6;

    private static final int MAX_NAME_WORDS = 4;

    /** Words that may follow a one-word name after "I'm", "this is" or "soy" ("I'm Ana and …"). */
    private static final String[] JOINING_WORDS = {"and", "from", "here", "speaking", "calling", "again", "y", "de",
        "desde"};

    /** Honorifics that may be written without a period, and only capitalised ("Mr Smith", not "mr smith"). */
    private static final Set<String> BARE_HONORIFICS = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sr", "sra",
            "srta", "dra", "doña");

    /** Sign-offs that need a comma, "!" or line break before the name ("Best, Ana", not "the Best Buy"). */
    private static final Set<String> SIGNOFFS_NEEDING_PUNCTUATION = Set.of("best", "regards", "cheers", "sincerely",
            "saludos", "cordialmente", "atentamente");

    /** Words a greeting or sign-off may stand in front of an honorific with ("Hello Dr. Ruiz"). */
    private static final Set<String> WORDS_BEFORE_HONORIFIC = Set.of("hi", "hello", "hey", "dear", "thanks", "attn",
            "att", "hola", "estimado", "estimada", "querido", "querida", "gracias", "atentamente", "saluda", "soy", "is", "am",
            "with", "to", "for", "from", "by", "con", "para", "del", "el", "la", "de");

    private final LexiconNames lexiconNames = new LexiconNames(NameLexicon.shared());

    @Override
    public PiiType type() {
        return PiiType.PERSON;
    }

    @Override
    public void detect(String source, TextIndex index, List<Span> out) {
        // the index's copy of the characters: no checked charAt (a text with any non-Latin-1
        // character pays a bounds and coder test per call) in the scans below
        char[] text = index.chars();
        int first = out.size();
        // every cue starts with an ASCII letter that starts a word, or (labels) at a line start
        int[] starts = index.cueStarts();
        int count = index.cueCount();
        int next = 0;
        for (int k = 0; k < count; k++) {
            int i = starts[k];
            if (i < next || !PersonCues.mayStartAt(text, i)) {
                continue;
            }
            long cue = PersonCues.at(text, i);
            if (cue >= 0) {
                int end = PersonCues.end(cue);
                onCue(PersonCues.kind(cue), text, i, end, out);
                // go on after the cue: "my name is" must not be read again as "name is"
                next = Math.max(i, end - 1) + 1;
            }
        }
        int cued = out.size();
        lexiconNames.detect(text, index, out);
        // a name a cue found is reported once, as the cue read it
        if (cued > first && out.size() > cued) {
            int kept = cued;
            for (int k = cued; k < out.size(); k++) {
                Span span = out.get(k);
                if (!overlapsAny(out, first, cued, span)) {
                    out.set(kept++, span);
                }
            }
            out.subList(kept, out.size()).clear();
        }
    }

    private static boolean overlapsAny(List<Span> spans, int from, int to, Span span) {
        for (int k = from; k < to; k++) {
            Span other = spans.get(k);
            if (other.start() < span.end() && span.start() < other.end()) {
                return true;
            }
        }
        return false;
    }

    private static void onCue(PersonCues.Kind kind, char[] text, int start, int end, List<Span> out) {
        switch (kind) {
            case LABEL:
                name(text, end, true, Boundary.LINE_OR_FIELD, STATED, out);
                break;
            case RECIPIENT:
                // the first line of a postal address: only a whole line of two or more name words
                name(text, end, false, Boundary.LINE_TWO_WORDS, CUED, out);
                break;
            case ASKED:
                // "What's your name? Ana Ruiz" / "¿Cómo se llama? Ana": the answer is the whole line
                name(text, end, false, Boundary.LINE, CUED, out);
                break;
            case KIN:
                // "my daughter Philippa", "mi hijo Bernardo": a relative is a person
                name(text, end, false, Boundary.ANY, CUED, out);
                break;
            case STATED:
                if (sentenceCase(text, start, end)) {
                    name(text, end, false, Boundary.ANY, STATED, out);
                }
                break;
            case INTRO:
                if (sentenceCase(text, start, end)) {
                    name(text, end, false, Boundary.CLAUSE, CUED, out);
                }
                break;
            case GREETING:
                // greetings are often Title Case ("Good Morning Ana,"), so no case check here
                name(text, end, false, Boundary.GREETING, CUED, out);
                break;
            case SIGNOFF:
                if (signoffPunctuated(text, start, end)) {
                    name(text, end, false, Boundary.LINE, CUED, out);
                }
                break;
            default:
                if (honorific(text, start, end)) {
                    name(text, end, false, Boundary.ANY, CUED, out);
                }
        }
    }

    /** Where a name may end for a cue to count. */
    private enum Boundary {
        /** Anything may follow. */
        ANY,
        /** One name word must be followed by punctuation or a joining word; two or more may be followed by anything. */
        CLAUSE,
        /** Followed by {@code , : ! .} or a line break ("Hi Ana," / "Hola Ana:"). */
        GREETING,
        /** Only spaces and {@code . !} until the end of the line. */
        LINE,
        /** As {@link #LINE}, and at least two name words. */
        LINE_TWO_WORDS,
        /** The end of the line, or a field separator {@code , ; |}. */
        LINE_OR_FIELD
    }

    /** Reads the name that starts at {@code pos} and reports it if it ends as {@code boundary} demands. */
    private static void name(char[] text, int pos, boolean capitalsAllowed, Boundary boundary, double confidence,
            List<Span> out) {
        int start = pos;
        int end = -1;
        int words = 0;
        int i = pos;
        while (words < MAX_NAME_WORDS) {
            int wordEnd = NameWords.nameWordEnd(text, i, capitalsAllowed);
            if (wordEnd < 0) {
                // a middle initial or a particle only counts when another name word follows
                int joined = NameWords.joinerEnd(text, i, words > 0);
                if (joined < 0) {
                    break;
                }
                int after = skipSpaces(text, joined);
                if (NameWords.nameWordEnd(text, after, capitalsAllowed) < 0 && NameWords.joinerEnd(text, after, true) < 0) {
                    break;
                }
                i = after;
                continue;
            }
            words++;
            end = wordEnd;
            int next = skipSpaces(text, wordEnd);
            if (next == wordEnd) {
                break;
            }
            i = next;
        }
        if (end < 0 || !endsAsRequired(text, end, words, boundary)) {
            return;
        }
        out.add(new Span(PiiType.PERSON, start, end, confidence));
    }

    private static int skipSpaces(char[] text, int i) {
        while (i < text.length && (text[i] == ' ' || text[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean endsAsRequired(char[] text, int end, int words, Boundary boundary) {
        char next = end < text.length ? text[end] : '\n';
        switch (boundary) {
            case ANY:
                return true;
            case CLAUSE:
                return words >= 2 || ",.!?;:)'’\n\r".indexOf(next) >= 0 || followedByJoiningWord(text, end);
            case GREETING:
                return ",:!.\n\r".indexOf(next) >= 0;
            case LINE:
                return restOfLineIs(text, end, " \t.!");
            case LINE_TWO_WORDS:
                return words >= 2 && restOfLineIs(text, end, " \t.");
            default:
                return restOfLineIs(text, end, " \t.") || ",;|".indexOf(next) >= 0;
        }
    }

    /** "I'm Ana and …", "soy Ana de …", "this is Ana from …", "Ana here". */
    private static boolean followedByJoiningWord(char[] text, int end) {
        int i = skipSpaces(text, end);
        if (i == end) {
            return false;
        }
        for (String word : JOINING_WORDS) {
            if (startsWithIgnoreCase(text, i, word)
                    && (i + word.length() == text.length || !Chars.isLetter(text[i + word.length()]))) {
                return true;
            }
        }
        return false;
    }

    /** {@link Chars#regionMatchesIgnoreCase} of all of {@code word} at {@code i}, with its case rules beyond ASCII. */
    private static boolean startsWithIgnoreCase(char[] text, int i, String word) {
        int length = word.length();
        if (length > text.length - i) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            char a = text[i + k];
            char b = word.charAt(k);
            if (a == b) {
                continue;
            }
            if ((a | b) >= 128) {
                return new String(text, i, length).regionMatches(true, 0, word, 0, length);
            }
            if (!Chars.isAsciiLetter(a) || (a | 0x20) != (b | 0x20)) {
                return false;
            }
        }
        return true;
    }

    private static boolean restOfLineIs(char[] text, int from, String allowed) {
        for (int i = from; i < text.length; i++) {
            char c = text[i];
            if (c == '\n' || c == '\r') {
                return true;
            }
            if (allowed.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Rejects Title Case cues such as "My Name Is" or "This Is", which mark headlines, not sentences. */
    private static boolean sentenceCase(char[] text, int start, int end) {
        for (int i = start + 1; i < end; i++) {
            if (NameWords.isUpperCase(text[i]) && text[i - 1] == ' ') {
                return false;
            }
        }
        return true;
    }

    private static boolean signoffPunctuated(char[] text, int start, int end) {
        int wordEnd = start;
        while (wordEnd < end && (Chars.isLetter(text[wordEnd]) || text[wordEnd] == ' ')) {
            wordEnd++;
        }
        String words = new String(text, start, wordEnd - start).strip().toLowerCase(Locale.ROOT);
        if (!SIGNOFFS_NEEDING_PUNCTUATION.contains(words)) {
            return true;
        }
        for (int i = wordEnd; i < end; i++) {
            char c = text[i];
            if (c == ',' || c == '!' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    /**
     * An honorific counts when written with a period ("dr.", "D.") or capitalised without one
     * ("Mr Smith"), and when it does not follow a capitalised word or a number, which is how a
     * street type such as "Oak Dr. Springfield" reads. "D." alone needs two name words after it.
     */
    private static boolean honorific(char[] text, int start, int end) {
        int wordEnd = start;
        while (wordEnd < end && Chars.isLetter(text[wordEnd])) {
            wordEnd++;
        }
        String word = new String(text, start, wordEnd - start);
        String lower = word.toLowerCase(Locale.ROOT);
        boolean period = wordEnd < text.length && text[wordEnd] == '.';
        if (!period && (!BARE_HONORIFICS.contains(lower) || !NameWords.isUpperCase(word.charAt(0)))) {
            return false;
        }
        if (lower.equals("d") && (!NameWords.isUpperCase(word.charAt(0)) || !twoNameWords(text, end))) {
            return false;
        }
        return !afterCapitalisedWordOrNumber(text, start);
    }

    private static boolean twoNameWords(char[] text, int pos) {
        int first = NameWords.nameWordEnd(text, pos, false);
        return first > 0 && NameWords.nameWordEnd(text, skipSpaces(text, first), false) > 0 && skipSpaces(text, first) > first;
    }

    private static boolean afterCapitalisedWordOrNumber(char[] text, int start) {
        int i = start;
        while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) {
            i--;
        }
        if (i == 0 || !Chars.isLetterOrDigit(text[i - 1])) {
            return false;
        }
        int wordStart = i;
        while (wordStart > 0 && Chars.isLetterOrDigit(text[wordStart - 1])) {
            wordStart--;
        }
        char first = text[wordStart];
        if (Character.isDigit(first)) {
            return true;
        }
        if (!NameWords.isUpperCase(first) || WORDS_BEFORE_HONORIFIC.contains(new String(text, wordStart, i - wordStart).toLowerCase(Locale.ROOT))) {
            return false;
        }
        // a capitalised word opening a sentence ("Could Dr. Ruiz …") is not a street name
        return !sentenceStart(text, wordStart);
    }

    private static boolean sentenceStart(char[] text, int i) {
        while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) {
            i--;
        }
        return i == 0 || ".!?:;\n\r\"(".indexOf(text[i - 1]) >= 0;
    }
}
