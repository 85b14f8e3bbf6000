package dev.veil.tokenizer.detect.person;

import java.util.ArrayList;
import java.util.List;

/**
 * The English and Spanish words that announce a person's name ("my name is", "Hola", "Un saludo,",
 * "Sra."), grouped by first letter so that a scan compares, at each word start, only the cues
 * beginning with that letter. Cues are literal words (a {@code *} stands for one lower-case word)
 * followed by a fixed tail per kind, so matching never backtracks.
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

    private static final Cue[] LINE_START = cues(
            Kind.LABEL, "full name", "first name", "last name", "given name", "surname", "family name",
            "customer name", "account name", "account holder", "cardholder name", "cardholder", "card holder",
            "contact name", "name", "nombre completo", "nombre y apellidos", "nombre", "apellidos", "apellido",
            "titular", "attn", "atención", "agent", "agente", "requested by", "reported by", "submitted by",
            "assigned to", "contact person", "asignado a", "atendido por", "solicitado por", "persona de contacto",
            Kind.RECIPIENT, "ship to", "deliver to", "send to", "billing address", "shipping address",
            "delivery address", "mailing address", "recipient", "addressee", "destinatario", "destinataria",
            "enviar a", "dirección de envío", "dirección de entrega");

    /** In-text cues by first letter, {@code 'a'} to {@code 'z'}; longest first within a letter. */
    private static final Cue[][] IN_TEXT = byLetter(cues(
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
            "d"));

    /**
     * Per letter, the ASCII second characters of its in-text cues as a 128-bit set (two longs), so
     * most words are turned down without a loop over the cues; a cue of one letter, a {@code *}
     * or a non-ASCII second character disables the test for its letter.
     */
    private static final long[] SECOND_LOW = new long[26];
    private static final long[] SECOND_HIGH = new long[26];
    private static final boolean[] ANY_SECOND = new boolean[26];

    static {
        for (int letter = 0; letter < 26; letter++) {
            for (Cue cue : IN_TEXT[letter]) {
                String phrase = cue.phrase();
                char second = phrase.length() > 1 ? phrase.charAt(1) : 0;
                if (phrase.length() == 1 || second == '*' || second >= 128) {
                    ANY_SECOND[letter] = true;
                } else if (second < 64) {
                    SECOND_LOW[letter] |= 1L << second;
                } else {
                    SECOND_HIGH[letter] |= 1L << (second - 64);
                }
            }
        }
    }

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

    private static Cue[][] byLetter(Cue[] cues) {
        Cue[][] byLetter = new Cue[26][];
        for (char letter = 'a'; letter <= 'z'; letter++) {
            List<Cue> list = new ArrayList<>();
            for (Cue cue : cues) {
                if (cue.phrase().charAt(0) == letter) {
                    list.add(cue);
                }
            }
            byLetter[letter - 'a'] = list.toArray(new Cue[0]);
        }
        return byLetter;
    }

    /**
     * The cue that starts at {@code i} (at a line start, after an optional byte-order mark, quote or
     * bullet prefix, for labels), packed as {@code kind ordinal << 32 | end}, where the name may
     * start at {@code end}; or -1.
     */
    static long at(String text, int i) {
        if (i == 0 || text.charAt(i - 1) == '\n') {
            int p = i;
            while (p < text.length() && linePrefix(text.charAt(p))) {
                p++;
            }
            long cue = first(LINE_START, text, p);
            if (cue >= 0) {
                return cue;
            }
        }
        char c = text.charAt(i);
        int letter = (c | 0x20) - 'a';
        if (c >= 128 || letter < 0 || letter >= 26 || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
            return -1;
        }
        char second = i + 1 < text.length() ? Character.toLowerCase(text.charAt(i + 1)) : 0;
        if (!ANY_SECOND[letter] && (second >= 128
                || ((second < 64 ? SECOND_LOW[letter] >>> second : SECOND_HIGH[letter] >>> (second - 64)) & 1) == 0)) {
            return -1;
        }
        return first(IN_TEXT[letter], text, i);
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

    private static long first(Cue[] cues, String text, int p) {
        if (p >= text.length()) {
            return -1;
        }
        char c = Character.toLowerCase(text.charAt(p));
        // most cues fail on their second character: compare it before the full match
        char second = p + 1 < text.length() ? Character.toLowerCase(text.charAt(p + 1)) : 0;
        for (Cue cue : cues) {
            String phrase = cue.phrase();
            if (phrase.charAt(0) != c || (phrase.length() > 1 && phrase.charAt(1) != '*' && phrase.charAt(1) != second)) {
                continue;
            }
            int end = phraseEnd(text, p, cue.phrase());
            int name = end < 0 ? -1 : tailEnd(cue.kind(), text, end);
            if (name >= 0) {
                return (long) cue.kind().ordinal() << 32 | name;
            }
        }
        return -1;
    }

    /** The end of {@code phrase} matched case-insensitively at {@code p} and ending a word, or -1. */
    private static int phraseEnd(String text, int p, String phrase) {
        int n = text.length();
        int q = p;
        for (int k = 0; k < phrase.length(); k++) {
            char expected = phrase.charAt(k);
            if (expected == '*') {
                int word = q;
                while (q < n && q - word < 20 && text.charAt(q) >= 'a' && text.charAt(q) <= 'z') {
                    q++;
                }
                if (q == word) {
                    return -1;
                }
            } else if (q >= n || Character.toLowerCase(text.charAt(q)) != expected) {
                return -1;
            } else {
                q++;
            }
        }
        return q < n && Character.isLetterOrDigit(text.charAt(q)) ? -1 : q;
    }

    /** Where the name may start after a cue of {@code kind} ending at {@code p}, or -1. */
    private static int tailEnd(Kind kind, String text, int p) {
        int n = text.length();
        switch (kind) {
            case LABEL:
            case RECIPIENT: {
                int q = blanks(text, p);
                return q < n && text.charAt(q) == ':' ? blanks(text, q + 1) : -1;
            }
            case KIN: {
                int q = blanks(text, p);
                int relative = q > p ? relativeEnd(text, q) : -1;
                return relative < 0 ? -1 : someBlanks(text, relative);
            }
            case ASKED: {
                int q = blanks(text, p);
                if (q >= n || text.charAt(q) != '?') {
                    return -1;
                }
                q = lineBreak(text, blanks(text, q + 1));
                // a speaker before the answer: "User: Ana Ruiz"
                int speaker = q;
                while (speaker < n && speaker - q < 12 && Character.isLetter(text.charAt(speaker))) {
                    speaker++;
                }
                return speaker > q && speaker < n && text.charAt(speaker) == ':' ? blanks(text, speaker + 1) : q;
            }
            case GREETING: {
                int q = blanks(text, p);
                if (q < n && text.charAt(q) == ',') {
                    return someBlanks(text, q + 1);
                }
                return q > p ? q : -1;
            }
            case SIGNOFF: {
                int q = blanks(text, p);
                if (q < n && (text.charAt(q) == ',' || text.charAt(q) == '!' || text.charAt(q) == '.')) {
                    q++;
                }
                return lineBreak(text, blanks(text, q));
            }
            case HONORIFIC:
                return p < n && text.charAt(p) == '.' ? blanks(text, p + 1) : someBlanks(text, p);
            default:
                return someBlanks(text, p);
        }
    }

    private static int relativeEnd(String text, int p) {
        if (p >= text.length()) {
            return -1;
        }
        char first = Character.toLowerCase(text.charAt(p));
        for (String relative : RELATIVES) {
            if (relative.charAt(0) != first) {
                continue;
            }
            int end = phraseEnd(text, p, relative);
            if (end > 0) {
                return end;
            }
        }
        return -1;
    }

    private static int blanks(String text, int p) {
        while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
            p++;
        }
        return p;
    }

    /** After at least one blank, the next non-blank; -1 without one. */
    private static int someBlanks(String text, int p) {
        int q = blanks(text, p);
        return q > p ? q : -1;
    }

    /** Past an optional line break and the blanks after it. */
    private static int lineBreak(String text, int p) {
        int q = p;
        if (q < text.length() && text.charAt(q) == '\r') {
            q++;
        }
        if (q < text.length() && text.charAt(q) == '\n') {
            return blanks(text, q + 1);
        }
        return p;
    }
}
