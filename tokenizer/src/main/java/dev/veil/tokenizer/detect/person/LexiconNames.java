package dev.veil.tokenizer.detect.person;

import dev.veil.tokenizer.detect.Chars;
import dev.veil.tokenizer.detect.Confidence;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import dev.veil.tokenizer.detect.TextIndex;
import dev.veil.tokenizer.detect.address.StreetWords;
import java.util.List;

/**
 * Finds names that stand without a cue from what their words are: a run of capitalised words on
 * one line is a name when it opens with a known given name ("Inés Carvajal Ortuño", "Hannah")
 * and the words after it are surnames or words no dictionary holds ("Wrzesińska"). A given name that
 * is also a common word ("Will", "Pilar") needs a surname after it; one that is mostly a surname
 * ("Davis") or also a place ("Georgia") is not reported alone; a run that holds or follows an
 * organisation, place or street word ("Norman Lodge Road", "Hospital Ramón Olabarría", "New
 * Zealand"), or stands next to a house number ("Lindo Vale 412"), is not a person.
 */
final class LexiconNames {

    /** A name found from its words alone: reported, but below any cue. */
    static final double LEXICON = Confidence.PATTERN;

    private static final int MAX_TOKENS = 8;
    private static final int WORD = 0;
    private static final int INITIAL = 1;
    private static final int PARTICLE = 2;
    /** Never part of a name, but the run may go on ("Dear", "Hi"). */
    private static final int STOP = 1 << 12;
    /** Makes the whole run an organisation or a place. */
    private static final int ORGANISATION = 1 << 13;
    private static final int COMMON = NameLexicon.ENGLISH | NameLexicon.SPANISH_NAME;

    private final NameLexicon lexicon;

    LexiconNames(NameLexicon lexicon) {
        this.lexicon = lexicon;
    }

    void detect(char[] text, TextIndex index, List<Span> out) {
        int[] starts = index.wordStarts();
        int count = index.wordCount();
        int[] tokenStart = new int[MAX_TOKENS];
        int[] tokenEnd = new int[MAX_TOKENS];
        int[] kind = new int[MAX_TOKENS];
        int[] flags = new int[MAX_TOKENS];
        // a capitalised word is folded for the look-up while its end is found: one read of its characters
        NameWords.FoldedWord word = new NameWords.FoldedWord();
        int next = 0;
        for (int k = 0; k < count; k++) {
            int i = starts[k];
            if (i < next || !NameWords.isUpperCase(text[i])) {
                continue;
            }
            int tokens = 0;
            int p = i;
            int runEnd = i;
            while (tokens < MAX_TOKENS) {
                int end = NameWords.capitalisedWordEnd(text, p, word);
                int type = WORD;
                if (end < 0) {
                    end = NameWords.initialEnd(text, p);
                    type = INITIAL;
                    if (end < 0 && tokens > 0) {
                        end = NameWords.particleEnd(text, p);
                        type = PARTICLE;
                    }
                    if (end < 0) {
                        break;
                    }
                }
                tokenStart[tokens] = p;
                tokenEnd[tokens] = end;
                kind[tokens] = type;
                flags[tokens] = type == WORD ? wordFlags(word, text, p, end) : 0;
                tokens++;
                runEnd = end;
                // words of one name are one space apart; two spaces or a tab separate form fields
                if (end + 1 < text.length && text[end] == ' ' && text[end + 1] != ' ') {
                    p = end + 1;
                } else {
                    break;
                }
            }
            next = Math.max(runEnd, i + 1);
            if (tokens > 0) {
                int reported = out.size();
                report(text, tokenStart, tokenEnd, kind, flags, tokens, out);
                // a street type in the run ("Norman Lodge Road") or an organisation around it makes it
                // no person: the same as testing first, but most runs report nothing and these tests
                // cost more than the report
                if (out.size() > reported
                        && (streetTypeIn(text, tokenStart, tokenEnd, kind, tokens) || organisationAround(text, i, runEnd))) {
                    out.subList(reported, out.size()).clear();
                }
            }
        }
    }

    private int wordFlags(NameWords.FoldedWord word, char[] text, int start, int end) {
        // one look-up answers the lexicon, the stop-list and the organisation words, allocating nothing
        int bits = lexicon.flagsOfHash(word.hash);
        if ((bits & NameLexicon.ORGANISATION_WORD) != 0) {
            return ORGANISATION;
        }
        if ((bits & (NameLexicon.STOP_WORD | NameLexicon.SPANISH_COMMON)) != 0) {
            return STOP;
        }
        if ((bits & NameLexicon.ENGLISH) != 0 && !word.ascii) {
            bits &= ~NameLexicon.ENGLISH; // "Säge" folds to "sage", but an English word has no diacritics
        }
        if ((bits & (NameLexicon.GIVEN | NameLexicon.SURNAME | NameLexicon.ENGLISH | NameLexicon.SPANISH)) == 0
                && lexicon.inflectedSpanishWord(text, start, end)) {
            bits |= NameLexicon.SPANISH;
        }
        return bits;
    }

    /** Whether a word of the run is a street type, which makes the whole run a street as an organisation word would. */
    private static boolean streetTypeIn(char[] text, int[] tokenStart, int[] tokenEnd, int[] kind, int tokens) {
        for (int t = 0; t < tokens; t++) {
            if (kind[t] == WORD && StreetWords.isStreetType(text, tokenStart[t], tokenEnd[t])) {
                return true;
            }
        }
        return false;
    }

    /**
     * "Greta J Vos", "Ruslan T. Abdulov": two words with a single initial between them are a name
     * whatever the words are, unless one of them is never part of a name.
     */
    private static boolean initialPattern(char[] text, int[] tokenStart, int[] tokenEnd, int[] kind, int[] flags,
            int tokens, List<Span> out) {
        for (int t = 0; t + 2 < tokens; t++) {
            if (kind[t] == WORD && kind[t + 1] == INITIAL && kind[t + 2] == WORD
                    && tokenEnd[t + 1] - tokenStart[t + 1] <= 2
                    && (flags[t] & STOP) == 0 && (flags[t + 2] & STOP) == 0) {
                int last = t + 2;
                while (last + 1 < tokens && kind[last + 1] == WORD && nameLike(flags[last + 1])) {
                    last++;
                }
                out.add(new Span(PiiType.PERSON, tokenStart[t], tokenEnd[last], LEXICON));
                return true;
            }
        }
        return false;
    }

    private static void report(char[] text, int[] tokenStart, int[] tokenEnd, int[] kind, int[] flags, int tokens,
            List<Span> out) {
        for (int t = 0; t < tokens; t++) {
            if ((flags[t] & ORGANISATION) != 0) {
                return;
            }
        }
        if (initialPattern(text, tokenStart, tokenEnd, kind, flags, tokens, out)) {
            return;
        }
        for (int f = 0; f < tokens; f++) {
            int anchor = flags[f];
            if (kind[f] != WORD || (anchor & STOP) != 0) {
                continue;
            }
            if ((anchor & NameLexicon.GIVEN) == 0) {
                if ((anchor & NameLexicon.ENGLISH) != 0 && (anchor & NameLexicon.SURNAME) == 0) {
                    continue; // a title or a common word before the name: "Producer Ivolina Marcheva"
                }
                unknownRun(text, tokenStart, tokenEnd, kind, flags, f, tokens, out);
                return;
            }
            int last = tailEnd(kind, flags, f, tokens);
            boolean distinctive = false;
            for (int t = f + 1; t <= last; t++) {
                distinctive |= kind[t] == WORD && (flags[t] & COMMON) == 0;
            }
            int start = tokenStart[f];
            int end = tokenEnd[f];
            boolean common = (anchor & COMMON) != 0;
            boolean accepted;
            if (last > f) {
                accepted = !common || distinctive;
            } else if (f + 1 < tokens) {
                accepted = false;
            } else if (speaker(text, start, end) || speechCue(text, start, end) || vocative(text, start, end)) {
                accepted = true;
            } else if ((anchor & NameLexicon.PLACE) != 0) {
                accepted = false;
            } else if ((anchor & NameLexicon.MAINLY_GIVEN) == 0) {
                accepted = !common && (sentenceStart(text, start) ? personVerbAfter(text, end) : possessive(text, end));
            } else if (sentenceStart(text, start)) {
                // "Cara anterior del brazo": a Spanish word opening a sentence needs a verb after it to be a name
                accepted = !common && ((anchor & NameLexicon.IN_SPANISH_DICTIONARY) == 0 || personVerbAfter(text, end));
            } else {
                // a common word capitalised inside a sentence is a name: "named him Frank", "leave me Brad,"
                accepted = !common || afterLowerCaseWord(text, start);
            }
            if (accepted) {
                out.add(new Span(PiiType.PERSON, start, tokenEnd[last], LEXICON));
            }
            return;
        }
    }

    /** The last token of the surnames after a given name at {@code f}: known names or words no dictionary holds. */
    private static int tailEnd(int[] kind, int[] flags, int f, int tokens) {
        int last = f;
        for (int t = f + 1; t < tokens; t++) {
            if (kind[t] == WORD) {
                if (!nameLike(flags[t])) {
                    break;
                }
                last = t;
            } else if (t + 1 >= tokens) {
                break;
            }
        }
        return last;
    }

    private static boolean nameLike(int word) {
        boolean known = (word & (NameLexicon.GIVEN | NameLexicon.SURNAME)) != 0;
        boolean plain = (word & (NameLexicon.ENGLISH | NameLexicon.SPANISH)) != 0;
        boolean place = (word & NameLexicon.PLACE) != 0 && (word & NameLexicon.SURNAME) == 0;
        return (word & STOP) == 0 && !place && (known || !plain);
    }

    /** Words no dictionary holds ("Zdenka Vltavská", "Ruslan T. Abdulov"), or one such word where speech marks a speaker. */
    private static void unknownRun(char[] text, int[] tokenStart, int[] tokenEnd, int[] kind, int[] flags, int from,
            int tokens, List<Span> out) {
        int words = 0;
        int last = from;
        boolean unknown = false;
        for (int t = from; t < tokens; t++) {
            if (kind[t] == PARTICLE) {
                return; // "Enfermedad de Kowalczyk", "Villanueva del Prado": a place or a term, seldom a person
            }
            if (kind[t] != WORD) {
                continue;
            }
            int word = flags[t];
            if (!nameLike(word) || (word & (COMMON | NameLexicon.PLACE)) != 0
                    || NameWords.termShaped(text, tokenStart[t], tokenEnd[t])) {
                break;
            }
            unknown |= (word & (NameLexicon.GIVEN | NameLexicon.SURNAME | NameLexicon.IN_SPANISH_DICTIONARY)) == 0;
            words++;
            last = t;
        }
        if (words == 0 || (!unknown && !(words == 1 && speechCue(text, tokenStart[from], tokenEnd[last])))) {
            return;
        }
        int start = tokenStart[from];
        int end = tokenEnd[last];
        boolean accepted;
        if (words >= 2) {
            accepted = true;
        } else if (last + 1 < tokens) {
            accepted = false;
        } else if (speaker(text, start, end) || speechCue(text, start, end) || vocative(text, start, end)) {
            accepted = true;
        } else {
            accepted = personVerbAfter(text, end) || (!sentenceStart(text, start) && possessive(text, end));
        }
        if (accepted) {
            out.add(new Span(PiiType.PERSON, start, end, LEXICON));
        }
    }

    /** "Ivolina is from …", "Ivolina spent a year …": a lower-case verb right after the word. */
    private static boolean personVerbAfter(char[] text, int end) {
        if (end + 1 >= text.length || text[end] != ' ') {
            return false;
        }
        int wordEnd = end + 1;
        while (wordEnd < text.length && NameWords.isLowerCase(text[wordEnd])) {
            wordEnd++;
        }
        if (wordEnd == end + 1 || !NameWords.isPersonVerb(text, end + 1, wordEnd)) {
            return false;
        }
        // "Quorvex is a 2017 film", "Quorvex is the agency …": a thing being described, not a person
        int next = wordEnd + 1;
        int nextEnd = next;
        while (nextEnd < text.length && Chars.isLetter(text[nextEnd])) {
            nextEnd++;
        }
        return nextEnd == next || !NameWords.isArticle(text, next, nextEnd);
    }

    /** "Radovan's address": a possessive right after the word. */
    private static boolean possessive(char[] text, int end) {
        return end + 1 < text.length && (text[end] == '\'' || text[end] == '’')
                && text[end + 1] == 's' && (end + 2 == text.length || !Chars.isLetter(text[end + 2]));
    }

    /** "Zdravka: Where is my parcel?" — a single word and a colon opening a line of dialogue. */
    private static boolean speaker(char[] text, int start, int end) {
        if (!lineStart(text, start) || end + 1 >= text.length || text[end] != ':') {
            return false;
        }
        if (text[end + 1] == '"' || text[end + 1] == '“') {
            return true; // Zdravka:"Where …"
        }
        if (end + 2 >= text.length || text[end + 1] != ' ') {
            return false;
        }
        char said = text[end + 2];
        return NameWords.isUpperCase(said) || said == '"' || said == '“';
    }

    /** "Radomila, can you check …": a name opening a sentence addressed to that person. */
    private static boolean vocative(char[] text, int start, int end) {
        if (!sentenceStart(text, start) || end + 2 >= text.length || text[end] != ',' || text[end + 1] != ' ') {
            return false;
        }
        int wordEnd = end + 2;
        while (wordEnd < text.length && Chars.isLetter(text[wordEnd])) {
            wordEnd++;
        }
        return wordEnd > end + 2 && NameWords.isVocativeFollower(text, end + 2, wordEnd);
    }

    /** A verb of speech or naming next to the word: "said Ruaridh", "Ruaridh replied", "named him Frank". */
    private static boolean speechCue(char[] text, int start, int end) {
        int q = start;
        while (q > 0 && text[q - 1] == ' ') {
            q--;
        }
        int wordStart = q;
        while (wordStart > 0 && Chars.isLetter(text[wordStart - 1])) {
            wordStart--;
        }
        if (q < start && wordStart < q && NameWords.isSpeechWord(text, wordStart, q)) {
            return true;
        }
        int p = end;
        if (p < text.length && text[p] == ' ') {
            int wordEnd = p + 1;
            while (wordEnd < text.length && Chars.isLetter(text[wordEnd])) {
                wordEnd++;
            }
            return wordEnd > p + 1 && NameWords.isLowerCase(text[p + 1]) && NameWords.isSpeechWord(text, p + 1, wordEnd);
        }
        return false;
    }

    private static boolean lineStart(char[] text, int i) {
        while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '>')) {
            i--;
        }
        return i == 0 || text[i - 1] == '\n' || text[i - 1] == '\r';
    }

    private static boolean sentenceStart(char[] text, int i) {
        while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '>'
                || text[i - 1] == '"' || text[i - 1] == '(' || text[i - 1] == '¿'
                || text[i - 1] == '¡')) {
            i--;
        }
        return i == 0 || ".!?:;\n\r".indexOf(text[i - 1]) >= 0;
    }

    /** Whether a lower-case word that is not an article stands right before {@code i} ("him Frank", not "the Rose"). */
    private static boolean afterLowerCaseWord(char[] text, int i) {
        int q = i;
        while (q > 0 && text[q - 1] == ' ') {
            q--;
        }
        if (q == i) {
            return false;
        }
        if (text[q - 1] == ',') {
            return true;
        }
        int wordStart = q;
        while (wordStart > 0 && NameWords.isLowerCase(text[wordStart - 1])) {
            wordStart--;
        }
        return wordStart < q && (wordStart == 0 || !Chars.isLetter(text[wordStart - 1]))
                && !NameWords.isArticle(text, wordStart, q);
    }

    /**
     * Whether what stands around the run makes it a street, a place or a company: a house number
     * next to it ("04417 Maren Kloosterhove", "Lindo Vale 412"), an organisation or street word
     * just before it ("Hospital de la Ribera", "C/ Rufino Tamayo"), or "&" and "S.A." beside it.
     */
    private boolean organisationAround(char[] text, int start, int end) {
        int n = text.length;
        if (end < n && (text[end] == '®' || text[end] == '™')) {
            return true; // a brand: "Ibuprofeno Norvex®"
        }
        if (creditInParentheses(text, start, end)) {
            return true;
        }
        if (end + 1 < n && text[end] == ' ') {
            char after = text[end + 1];
            if (Character.isDigit(after) || after == '&') {
                return true;
            }
            int wordEnd = end + 1;
            while (wordEnd < n && (Chars.isLetter(text[wordEnd]) || text[wordEnd] == 'º'
                    || text[wordEnd] == '°')) {
                wordEnd++;
            }
            if (wordEnd > end + 1 && (StreetWords.isStreetType(text, end + 1, wordEnd)
                    || NameWords.isHouseNumberWord(text, end + 1, wordEnd))) {
                return true; // "Odos Kallirois str", "Rufino Tamayo nº 14"
            }
            if (NameWords.isUpperCase(after) && end + 3 < n && text[end + 2] == '.'
                    && NameWords.isUpperCase(text[end + 3])) {
                return true; // "Norvex S.A."
            }
        }
        int p = start;
        for (int words = 0; words < 3; words++) {
            int q = p;
            while (q > 0 && text[q - 1] == ' ') {
                q--;
            }
            if (q == p || q == 0) {
                return false;
            }
            char before = text[q - 1];
            if (Character.isDigit(before) || before == '&' || before == '/') {
                return words == 0 || before == '/';
            }
            int wordStart = q;
            while (wordStart > 0 && (Chars.isLetter(text[wordStart - 1]) || text[wordStart - 1] == '.')) {
                wordStart--;
            }
            if (wordStart == q) {
                return false;
            }
            int wordEnd = text[q - 1] == '.' ? q - 1 : q;
            if (StreetWords.isStreetType(text, wordStart, q) || StreetWords.isStreetType(text, wordStart, wordEnd)
                    || (lexicon.flags(text, wordStart, wordEnd) & NameLexicon.ORGANISATION_WORD) != 0) {
                return true;
            }
            if (!NameWords.isJoiningWord(text, wordStart, wordEnd)) {
                return false;
            }
            if (words == 0 && wordEnd == wordStart + 2 && text[wordStart] == 'd' && text[wordStart + 1] == 'e' && termBefore(text, wordStart)) {
                return true; // an eponym or a place in Spanish prose: "síndrome de Harwell Dixon", "maniobra de Everett"
            }
            p = wordStart;
        }
        return false;
    }

    /**
     * A maker credited in parentheses with its town or country, as reports cite instruments and drugs:
     * "(Lentix®, Ocumed Ibérica, Sabadell, España)", "(Hans Brenner Optik, Jena, Alemania)".
     */
    private static boolean creditInParentheses(char[] text, int start, int end) {
        int open = -1;
        for (int i = start - 1; i >= 0 && i >= start - 80; i--) {
            char c = text[i];
            if (c == ')' || c == '\n') {
                return false;
            }
            if (c == '(') {
                open = i;
                break;
            }
        }
        if (open < 0) {
            return false;
        }
        boolean comma = false;
        for (int i = end; i < text.length && i < end + 80; i++) {
            char c = text[i];
            if (c == ')') {
                return comma;
            }
            if (c == '\n' || c == '(') {
                return false;
            }
            comma |= c == ',';
        }
        return false;
    }

    /** A lower-case word, or a capitalised Spanish word that is no name ("Síndrome"), ending before {@code i}. */
    private boolean termBefore(char[] text, int i) {
        int q = i;
        while (q > 0 && text[q - 1] == ' ') {
            q--;
        }
        if (q == i || q == 0 || !Chars.isLetter(text[q - 1])) {
            return false;
        }
        if (NameWords.isLowerCase(text[q - 1]) && NameWords.isLowerCase(text[wordStartBefore(text, q)])) {
            return true;
        }
        int bits = lexicon.flags(text, wordStartBefore(text, q), q);
        return (bits & NameLexicon.SPANISH) != 0 && (bits & (NameLexicon.GIVEN | NameLexicon.SURNAME)) == 0;
    }

    private static int wordStartBefore(char[] text, int q) {
        int p = q;
        while (p > 0 && Chars.isLetter(text[p - 1])) {
            p--;
        }
        return p;
    }
}
