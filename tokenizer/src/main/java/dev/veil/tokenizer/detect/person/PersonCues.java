package dev.veil.tokenizer.detect.person;

import dev.veil.tokenizer.detect.Chars;
import dev.veil.tokenizer.detect.PhraseOpenings;
import java.util.ArrayList;
import java.util.List;

/**
 * The English and Spanish words that announce a person's name ("my name is", "Hola", "Un saludo,",
 * "Sra."), held in a {@link PhraseTrie} so that a scan reads each word start once for all cues.
 * Cues are literal words (a {@code *} stands for one lower-case word) followed by a fixed tail per
 * kind, so matching never backtracks.
 */
final class PersonCues {

    /** What kind of cue matched; the detector decides per kind how the name must end. */
    enum Kind {
        /** A form label at the start of a line: "Name:", "Nombre:". */
        LABEL,
        /** The first line of a postal address: "Ship to:", "Destinatario:". */
        RECIPIENT,
        /** An explicit statement: "my name is", "me llamo", "a nombre de". */
        STATED,
        /** A question about a name, the answer after it: "What's your name?". */
        ASKED,
        /** A relative: "my daughter", "mi hijo". */
        KIN,
        /** A self-introduction that is sometimes not one: "I'm", "this is", "soy". */
        INTRO,
        /** A greeting: "Hi", "Dear", "Hola". */
        GREETING,
        /** A sign-off: "Thanks,", "Kind regards,", "Un saludo,". */
        SIGNOFF,
        /** An honorific: "Mr", "Dr.", "Sra.", "D.". */
        HONORIFIC
    }

    private static final Kind[] KINDS = Kind.values();

    /** Words for relatives, after "my", "our", "mi", "nuestra" ... */
    private static final String[] RELATIVES = {
        "son", "daughter", "kid", "child", "wife", "husband", "partner", "fiancé", "fiancée", "mother", "mom", "mum",
        "father", "dad", "brother", "sister", "grandmother", "grandfather", "grandma", "grandpa", "grandson",
        "granddaughter", "uncle", "aunt", "cousin", "nephew", "niece", "hijo", "hija", "mujer", "esposa", "esposo",
        "marido", "pareja", "novio", "novia", "madre", "padre", "mamá", "papá", "hermano", "hermana", "abuela",
        "abuelo", "nieto", "nieta", "tío", "tía", "primo", "prima", "sobrino", "sobrina"};

    private static final Cue[] LINE_START_CUES = cues(
            Kind.LABEL, "full name", "first name", "last name", "given name", "surname", "family name",
            "customer name", "account name", "account holder", "cardholder name", "cardholder", "card holder",
            "contact name", "name", "nombre completo", "nombre y apellidos", "nombre", "apellidos", "apellido",
            "titular", "attn", "atención", "agent", "agente", "requested by", "reported by", "submitted by",
            "assigned to", "contact person", "asignado a", "atendido por", "solicitado por", "persona de contacto",
            Kind.RECIPIENT, "ship to", "deliver to", "send to", "billing address", "shipping address",
            "delivery address", "mailing address", "recipient", "addressee", "destinatario", "destinataria",
            "enviar a", "dirección de envío", "dirección de entrega");

    /** In-text cues, longest first. */
    private static final Cue[] IN_TEXT_CUES = cues(
            Kind.STATED, "my name is", "my name's", "name is", "name on the * is", "name on my * is",
            "name on your * is", "name on this * is", "call me", "calls me", "under the name", "in the name of",
            "me llamo", "mi nombre es", "me llaman", "a nombre de", "está a nombre de",
            Kind.ASKED, "your name", "your full name", "your first name", "your last name", "your maiden name",
            "his name", "his full name", "his last name", "her name", "her full name", "her last name",
            "her maiden name", "their name", "their full name", "the name on the *", "the name on your *",
            "the name on this *", "se llama", "te llamas", "su nombre", "su nombre completo", "tu nombre",
            "tu nombre completo",
            Kind.KIN, "my", "our", "mi", "mis", "nuestro", "nuestra",
            Kind.INTRO, "i'm", "i’m", "i am", "this is", "soy", "habla", "le saluda", "le escribe", "te escribe",
            Kind.GREETING, "hi", "hello", "hey", "dear", "good morning", "good afternoon", "good evening", "hola",
            "buenos días", "buenas tardes", "buenas noches", "buenas", "estimado", "estimada", "querido", "querida",
            Kind.SIGNOFF, "thanks", "thank you", "many thanks", "thanks again", "regards", "best regards",
            "kind regards", "warm regards", "best wishes", "best", "cheers", "sincerely", "yours sincerely",
            "yours truly", "un saludo", "saludos", "un cordial saludo", "cordiales saludos", "atentamente",
            "cordialmente", "gracias", "muchas gracias", "un abrazo",
            Kind.HONORIFIC, "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sr", "sra", "srta", "dra", "dña", "doña",
            "d");

    /*
     * The cues in tries: the first cue in the lists' order (longest first) that matches and whose
     * tail fits is the one a walk finds, so a word start is read once, not once per cue.
     */
    private static final PhraseTrie LINE_START = trie(LINE_START_CUES);
    private static final PhraseTrie IN_TEXT = trie(IN_TEXT_CUES);
    private static final PhraseTrie RELATIVE_WORDS = new PhraseTrie(RELATIVES);
    /** What the cues' first three characters may be: most word starts ("order", "the") open none. */
    private static final PhraseOpenings LINE_START_OPENINGS = openings(LINE_START_CUES);
    private static final PhraseOpenings IN_TEXT_OPENINGS = openings(IN_TEXT_CUES);
    private static final PhraseTrie.Tail LINE_START_TAIL = (cue, text, end) -> tailEnd(LINE_START_CUES[cue].kind(), text, end);
    private static final PhraseTrie.Tail IN_TEXT_TAIL = (cue, text, end) -> tailEnd(IN_TEXT_CUES[cue].kind(), text, end);
    private static final PhraseTrie.Tail ANY_TAIL = (relative, text, end) -> end;

    private PersonCues() {}

    /** One cue phrase, lower case. */
    private record Cue(String phrase, Kind kind) {}

    /** Reads {@code Kind, "phrase", "phrase", Kind, "phrase" ...}. */
    private static Cue[] cues(Object... kindsAndPhrases) {
        List<Cue> cues = new ArrayList<>();
        Kind kind = null;
        for (Object item : kindsAndPhrases) {
            if (item instanceof Kind k) {
                kind = k;
            } else {
                cues.add(new Cue((String) item, kind));
            }
        }
        // longest first, so "thanks again" is tried before "thanks" and "mrs" before "mr"
        cues.sort((a, b) -> b.phrase().length() - a.phrase().length());
        return cues.toArray(new Cue[0]);
    }

    private static PhraseOpenings openings(Cue[] cues) {
        String[] phrases = new String[cues.length];
        for (int k = 0; k < cues.length; k++) {
            phrases[k] = cues[k].phrase();
        }
        return new PhraseOpenings(phrases);
    }

    /**
     * False where no cue can start at {@code i}, one of the text's {@code TextIndex.cueStarts}: the
     * first three characters there (or, at a line start, after the label's prefix) open no cue. {@link #at}
     * gives the same -1 there, at the cost of a trie walk; elsewhere it is to be asked.
     */
    static boolean mayStartAt(char[] text, int i) {
        int n = text.length;
        if (i == 0 || text[i - 1] == '\n') {
            int p = i;
            while (p < n && linePrefix(text[p])) {
                p++;
            }
            if (p < n && LINE_START_OPENINGS.mayOpen(text, p, true)) {
                return true;
            }
        }
        return IN_TEXT_OPENINGS.mayOpen(text, i, false);
    }

    private static PhraseTrie trie(Cue[] cues) {
        String[] phrases = new String[cues.length];
        for (int k = 0; k < cues.length; k++) {
            phrases[k] = cues[k].phrase();
        }
        return new PhraseTrie(phrases);
    }

    /**
     * The cue that starts at {@code i} (at a line start, after an optional byte-order mark, quote or
     * bullet prefix, for labels), packed as {@code kind ordinal << 32 | end}, where the name may
     * start at {@code end}; or -1.
     */
    static long at(char[] text, int i) {
        if (i == 0 || text[i - 1] == '\n') {
            int p = i;
            while (p < text.length && linePrefix(text[p])) {
                p++;
            }
            long cue = p < text.length ? LINE_START.first(text, p, LINE_START_TAIL) : -1;
            if (cue >= 0) {
                return packed(LINE_START_CUES[(int) (cue >>> 32)], (int) cue);
            }
        }
        char c = text[i];
        int letter = (c | 0x20) - 'a';
        if (c >= 128 || letter < 0 || letter >= 26 || (i > 0 && Chars.isLetterOrDigit(text[i - 1]))) {
            return -1;
        }
        long cue = IN_TEXT.first(text, i, IN_TEXT_TAIL);
        return cue < 0 ? -1 : packed(IN_TEXT_CUES[(int) (cue >>> 32)], (int) cue);
    }

    private static long packed(Cue cue, int nameStart) {
        return (long) cue.kind().ordinal() << 32 | nameStart;
    }

    /** A byte-order mark, blank, quote mark or bullet before a label at a line start. */
    private static boolean linePrefix(char c) {
        return c == '\uFEFF' || c == ' ' || c == '\t' || c == '>' || c == '*' || c == '-';
    }

    static Kind kind(long cue) {
        return KINDS[(int) (cue >>> 32)];
    }

    static int end(long cue) {
        return (int) cue;
    }

    /** Where the name may start after a cue of {@code kind} ending at {@code p}, or -1. */
    private static int tailEnd(Kind kind, char[] text, int p) {
        int n = text.length;
        switch (kind) {
            case LABEL:
            case RECIPIENT: {
                int q = blanks(text, p);
                return q < n && text[q] == ':' ? blanks(text, q + 1) : -1;
            }
            case KIN: {
                int q = blanks(text, p);
                int relative = q > p ? relativeEnd(text, q) : -1;
                return relative < 0 ? -1 : someBlanks(text, relative);
            }
            case ASKED: {
                int q = blanks(text, p);
                if (q >= n || text[q] != '?') {
                    return -1;
                }
                q = lineBreak(text, blanks(text, q + 1));
                // a speaker before the answer: "User: Ana Ruiz"
                int speaker = q;
                while (speaker < n && speaker - q < 12 && Chars.isLetter(text[speaker])) {
                    speaker++;
                }
                return speaker > q && speaker < n && text[speaker] == ':' ? blanks(text, speaker + 1) : q;
            }
            case GREETING: {
                int q = blanks(text, p);
                if (q < n && text[q] == ',') {
                    return someBlanks(text, q + 1);
                }
                return q > p ? q : -1;
            }
            case SIGNOFF: {
                int q = blanks(text, p);
                if (q < n && (text[q] == ',' || text[q] == '!' || text[q] == '.')) {
                    q++;
                }
                return lineBreak(text, blanks(text, q));
            }
            case HONORIFIC:
                return p < n && text[p] == '.' ? blanks(text, p + 1) : someBlanks(text, p);
            default:
                return someBlanks(text, p);
        }
    }

    /** The end of the word for a relative at {@code p} ("daughter", "hijo"), or -1. */
    private static int relativeEnd(char[] text, int p) {
        long relative = p < text.length ? RELATIVE_WORDS.first(text, p, ANY_TAIL) : -1;
        return relative < 0 ? -1 : (int) relative;
    }

    private static int blanks(char[] text, int p) {
        while (p < text.length && (text[p] == ' ' || text[p] == '\t')) {
            p++;
        }
        return p;
    }

    /** After at least one blank, the next non-blank; -1 without one. */
    private static int someBlanks(char[] text, int p) {
        int q = blanks(text, p);
        return q > p ? q : -1;
    }

    /** Past an optional line break and the blanks after it. */
    private static int lineBreak(char[] text, int p) {
        int q = p;
        if (q < text.length && text[q] == '\r') {
            q++;
        }
        if (q < text.length && text[q] == '\n') {
            return blanks(text, q + 1);
        }
        return p;
    }
}
