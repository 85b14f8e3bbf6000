package dev.veil.tokenizer.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The English and Spanish words that announce a person's name ("my name is", "Hola", "Un saludo,",
 * "Sra."), compiled into one small pattern per initial letter so that a scan tries, at each word
 * start, only the cues beginning with that letter. Every cue is literal words plus a fixed tail,
 * so matching is linear.
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
        HONORIFIC;

        final String group = name().toLowerCase(Locale.ROOT);
    }

    private static final String KIN_WORDS = "(?:son|daughter|kid|child|wife|husband|partner|fiancée?|mother|mom|mum"
            + "|father|dad|brother|sister|grandmother|grandfather|grandma|grandpa|grandson|granddaughter|uncle|aunt"
            + "|cousin|nephew|niece|hijo|hija|mujer|esposa|esposo|marido|pareja|novio|novia|madre|padre|mamá|papá"
            + "|hermano|hermana|abuela|abuelo|nieto|nieta|tío|tía|primo|prima|sobrino|sobrina)";

    private static final String NAME_KINDS = "(?: full| first| last| middle| maiden| family| given)? name";

    /** Per kind: the cue phrases (each starting with an ASCII letter) and the tail that leads to the name. */
    private static final Map<Kind, String[]> PHRASES = new EnumMap<>(Kind.class);
    private static final Map<Kind, String> TAILS = new EnumMap<>(Kind.class);

    static {
        String label = "[ \\t]*:[ \\t]*";
        define(Kind.LABEL, label, "full name", "first name", "last name", "given name", "surname", "family name",
                "customer name", "account name", "account holder", "cardholder name", "cardholder", "card holder",
                "contact name", "name", "nombre completo", "nombre y apellidos", "nombre", "apellidos", "apellido",
                "titular", "attn", "atención", "agent", "agente", "requested by", "reported by", "submitted by",
                "assigned to", "contact person", "asignado a", "atendido por", "solicitado por", "persona de contacto");
        define(Kind.RECIPIENT, label, "ship to", "deliver to", "send to", "billing address", "shipping address",
                "delivery address", "mailing address", "recipient", "addressee", "destinatario", "destinataria",
                "enviar a", "dirección de envío", "dirección de entrega");
        define(Kind.STATED, "[ \\t]+", "my name is", "my name's", "name is", "name on (?:the|my|your|this) [a-z]+ is",
                "call me", "calls me", "under the name", "in the name of", "me llamo", "mi nombre es", "me llaman",
                "a nombre de", "está a nombre de");
        define(Kind.ASKED, "[ \\t]*\\?[ \\t]*(?:\\r?\\n)?[ \\t]*(?:\\p{L}{1,12}:[ \\t]*)?", "your" + NAME_KINDS,
                "his" + NAME_KINDS, "her" + NAME_KINDS, "their" + NAME_KINDS, "the name on (?:the|your|this) [a-z]+",
                "se llama", "te llamas", "su nombre(?: completo)?", "tu nombre(?: completo)?");
        define(Kind.KIN, "[ \\t]+", "my " + KIN_WORDS, "our " + KIN_WORDS, "mi " + KIN_WORDS, "mis " + KIN_WORDS,
                "nuestro " + KIN_WORDS, "nuestra " + KIN_WORDS);
        define(Kind.INTRO, "[ \\t]+", "i'm", "i’m", "i am", "this is", "soy", "habla", "le saluda", "le escribe",
                "te escribe");
        define(Kind.GREETING, "[ \\t]*,?[ \\t]+", "hi", "hello", "hey", "dear", "good morning", "good afternoon",
                "good evening", "hola", "buenos días", "buenas tardes", "buenas noches", "buenas", "estimado", "estimada",
                "querido", "querida");
        define(Kind.SIGNOFF, "[ \\t]*[,!.]?[ \\t]*(?:\\r?\\n)?[ \\t]*", "thanks", "thank you", "many thanks",
                "thanks again", "regards", "best regards", "kind regards", "warm regards", "best wishes", "best",
                "cheers", "sincerely", "yours sincerely", "yours truly", "un saludo", "saludos", "un cordial saludo",
                "cordiales saludos", "atentamente", "cordialmente", "gracias", "muchas gracias", "un abrazo");
        define(Kind.HONORIFIC, "(?:\\.[ \\t]*|[ \\t]+)", "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sr", "sra",
                "srta", "dra", "dña", "doña", "d");
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    /** Labels and recipients, tried at line starts after an optional byte-order mark, quote or bullet prefix. */
    private static final Pattern LINE_START = Pattern.compile("[\\uFEFF \\t>*\\-]*(?:"
            + group(Kind.LABEL, List.of(PHRASES.get(Kind.LABEL))) + "|"
            + group(Kind.RECIPIENT, List.of(PHRASES.get(Kind.RECIPIENT))) + ")", FLAGS);

    /** The in-text cues whose first letter is {@code 'a' + index}; null when none starts with it. */
    private static final Pattern[] BY_LETTER = byLetter();

    /** Hashes of the first words of in-text cues, sorted: most words start no cue and skip the patterns. */
    private static final int[] FIRST_WORDS = firstWords();

    private static final int MAX_FIRST_WORD = 12;

    private PersonCues() {}

    private static void define(Kind kind, String tail, String... phrases) {
        PHRASES.put(kind, phrases);
        TAILS.put(kind, tail);
    }

    private static Pattern[] byLetter() {
        Pattern[] patterns = new Pattern[26];
        for (char letter = 'a'; letter <= 'z'; letter++) {
            StringBuilder regex = new StringBuilder();
            boolean any = false;
            for (Kind kind : Kind.values()) {
                List<String> phrases = new ArrayList<>();
                if (kind != Kind.LABEL && kind != Kind.RECIPIENT) {
                    for (String phrase : PHRASES.get(kind)) {
                        if (phrase.charAt(0) == letter) {
                            phrases.add(phrase);
                        }
                    }
                }
                any |= !phrases.isEmpty();
                regex.append(regex.length() == 0 ? "" : "|").append(group(kind, phrases));
            }
            patterns[letter - 'a'] = any ? Pattern.compile(regex.toString(), FLAGS) : null;
        }
        return patterns;
    }

    private static int[] firstWords() {
        List<Integer> hashes = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (String phrase : PHRASES.get(kind)) {
                int end = 0;
                while (end < phrase.length() && isWordChar(phrase.charAt(end))) {
                    end++;
                }
                hashes.add(wordHash(phrase, 0, end));
            }
        }
        return hashes.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetter(c) || c == '\'' || c == '’';
    }

    private static int wordHash(CharSequence text, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + Character.toLowerCase(text.charAt(i));
        }
        return hash;
    }

    /** True if the word at {@code i} may be the first word of a cue (a hash test: false only when surely not). */
    private static boolean mayStartCue(String text, int i) {
        int end = i;
        while (end < text.length() && end - i <= MAX_FIRST_WORD && isWordChar(text.charAt(end))) {
            end++;
        }
        return end - i <= MAX_FIRST_WORD && Arrays.binarySearch(FIRST_WORDS, wordHash(text, i, end)) >= 0;
    }

    /** A named group for {@code kind}; every pattern has all groups, a kind without phrases never matches. */
    private static String group(Kind kind, List<String> phrases) {
        if (phrases.isEmpty()) {
            return "(?<" + kind.group + ">(?!))";
        }
        List<String> longestFirst = new ArrayList<>(phrases);
        // longest first, so "thanks again" is preferred over "thanks" and "mrs" over "mr"
        longestFirst.sort((a, b) -> b.length() - a.length());
        return "(?<" + kind.group + ">(?:" + String.join("|", longestFirst) + ")" + TAILS.get(kind) + ")";
    }

    /** The matchers of one scan, created as first needed; one per text. */
    static Matcher[] matchers() {
        return new Matcher[27];
    }

    /** The matcher holding the cue that starts at {@code i} (its kind from {@link #kind}), or null. */
    static Matcher at(String text, int i, Matcher[] matchers) {
        if (i == 0 || text.charAt(i - 1) == '\n') {
            Matcher matcher = lookingAt(LINE_START, 26, text, i, matchers);
            if (matcher != null) {
                return matcher;
            }
        }
        char c = text.charAt(i);
        int letter = (c | 0x20) - 'a';
        if (c >= 128 || letter < 0 || letter >= 26 || BY_LETTER[letter] == null
                || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) || !mayStartCue(text, i)) {
            return null;
        }
        return lookingAt(BY_LETTER[letter], letter, text, i, matchers);
    }

    /** The kind of the cue {@code matcher} holds. */
    static Kind kind(Matcher matcher) {
        for (Kind kind : Kind.values()) {
            if (matcher.start(kind.group) >= 0) {
                return kind;
            }
        }
        throw new IllegalStateException("cue matched without a kind");
    }

    private static Matcher lookingAt(Pattern pattern, int slot, String text, int i, Matcher[] matchers) {
        Matcher matcher = matchers[slot];
        if (matcher == null) {
            matcher = pattern.matcher(text);
            matchers[slot] = matcher;
        }
        matcher.region(i, text.length());
        return matcher.lookingAt() ? matcher : null;
    }
}
