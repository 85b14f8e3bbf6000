package dev.veil.tokenizer.detect;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds people's names in English and Spanish free text from the words around them: an
 * introduction ("my name is", "me llamo", "I'm", "soy", "a nombre de"), the answer to a question
 * about a name ("What's your name? Ana Ruiz"), a greeting ("Hi Ana,"), a form label at the start of
 * a line ("Name:", "Nombre:", "Ship to:"), a sign-off that ends a line ("Thanks, Maria",
 * "Un saludo, Pedro") or an honorific ("Mr", "Dr.", "Sra.", "D."). Only capitalised words right
 * after the cue count as a name, and a stop-list of common capitalised words ("This is Urgent",
 * "Hi Team") keeps precision high; a name with no cue is not found.
 */
public final class PersonDetector implements Detector {

    /** A form label or an explicit introduction: the next capitalised words are meant as a name. */
    private static final double STATED = 0.75;
    /** A greeting, sign-off, honorific or "I'm"/"soy": usually a name, sometimes not. */
    private static final double CUED = 0.6;

    private static final int MAX_NAME_WORDS = 4;

    /** Words that may follow a one-word name after "I'm", "this is" or "soy" ("I'm Ana and …"). */
    private static final String[] JOINING_WORDS = {"and", "from", "here", "speaking", "calling", "again", "y", "de",
        "desde"};

    /** One alternative per kind of cue; literal words only, so matching stays linear. */
    private static final Pattern CUES = Pattern.compile(
            "(?<label>^[ \\t>*\\-]*(?:full name|first name|last name|given name|surname|family name|customer name"
                    + "|account name|account holder|cardholder name|cardholder|card holder|contact name|name"
                    + "|nombre completo|nombre y apellidos|nombre|apellidos|apellido|titular|attn|atención)[ \\t]*:[ \\t]*)"
            + "|(?<recipient>^[ \\t>*\\-]*(?:ship to|deliver to|send to|billing address|shipping address|delivery address"
                    + "|mailing address|recipient|addressee|destinatario|destinataria|enviar a|dirección de envío"
                    + "|dirección de entrega)[ \\t]*:[ \\t]*)"
            + "|(?<stated>\\b(?:my name is|my name's|name is|name on (?:the|my|your|this) [a-z]+ is|call me|calls me"
                    + "|under the name|in the name of|me llamo|mi nombre es|me llaman|a nombre de|está a nombre de)[ \\t]+)"
            + "|(?<asked>\\b(?:(?:your|his|her|their)(?: full| first| last| middle| maiden| family| given)? name"
                    + "|the name on (?:the|your|this) [a-z]+|se llama|te llamas|(?:su|tu) nombre(?: completo)?)"
                    + "[ \\t]*\\?[ \\t]*(?:\\r?\\n)?[ \\t]*(?:\\p{L}{1,12}:[ \\t]*)?)"
            + "|(?<intro>\\b(?:i'm|i’m|i am|this is|soy|habla|le saluda|le escribe|te escribe)[ \\t]+)"
            + "|(?<greeting>\\b(?:hi|hello|hey|dear|good morning|good afternoon|good evening|hola|buenos días|buenas tardes"
                    + "|buenas noches|buenas|estimado|estimada|querido|querida)[ \\t]*,?[ \\t]+)"
            + "|(?<signoff>\\b(?:thanks|thank you|many thanks|thanks again|regards|best regards|kind regards|warm regards"
                    + "|best wishes|best|cheers|sincerely|yours sincerely|yours truly|un saludo|saludos|un cordial saludo"
                    + "|cordiales saludos|atentamente|cordialmente|gracias|muchas gracias|un abrazo)[ \\t]*[,!.]?[ \\t]*(?:\\r?\\n)?[ \\t]*)"
            + "|(?<honorific>\\b(?:mr|mrs|ms|miss|mx|dr|prof|sr|sra|srta|dra|dña|doña|d)(?:\\.[ \\t]*|[ \\t]+))",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE);

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

    /** Lower-case joining words inside a name ("María de la Cruz", "Ludwig van Beethoven"). */
    private static final Set<String> PARTICLES = Set.of("de", "del", "la", "las", "los", "van", "von", "der", "den", "da",
            "das", "do", "dos", "di", "du", "le", "y");

    /** Capitalised words that follow the cues but are not names. */
    private static final Set<String> STOP = Set.copyOf(Arrays.asList(
            // English function words and pronouns
            "a", "an", "the", "this", "that", "these", "those", "i", "me", "my", "we", "our", "you", "your", "he", "she",
            "it", "they", "them", "his", "her", "their", "and", "or", "but", "if", "so", "not", "no", "yes", "ok", "okay",
            "please", "here", "there", "what", "when", "where", "who", "why", "how", "all", "any", "some", "just", "also",
            "still", "very", "really", "now", "then", "again", "about", "from", "with", "for", "on", "in", "at", "to",
            "of", "by", "as", "is", "am", "are", "was", "be", "been", "have", "has", "had", "do", "did", "will", "would",
            "can", "could", "should", "may", "might", "must", "let", "lets", "let's", "re", "fw", "fwd",
            // English adjectives and states after "this is" / "I'm"
            "urgent", "important", "critical", "serious", "ridiculous", "unacceptable", "great", "good", "fine", "bad",
            "sorry", "happy", "glad", "sure", "back", "done", "new", "old", "late", "early", "ready", "available", "busy",
            "interested", "confused", "frustrated", "disappointed", "angry", "upset", "worried", "concerned", "unable",
            "able", "trying", "writing", "calling", "contacting", "having", "getting", "going", "looking", "waiting",
            "still", "afraid", "aware", "correct", "wrong", "right", "true", "false", "free", "open", "closed", "final",
            "first", "last", "next", "only", "same", "other", "another", "regarding", "out",
            // people-in-general and roles
            "all", "everyone", "everybody", "team", "there", "guys", "folks", "friends", "sir", "madam", "sirs",
            "customer", "customers", "client", "support", "service", "services", "help", "helpdesk", "sales", "billing",
            "admin", "administrator", "manager", "agent", "staff", "user", "member", "owner", "partner", "colleague",
            "colleagues", "expert", "engineer", "developer", "director", "consultant", "analyst", "specialist",
            "designer", "executive", "associate", "software", "senior", "junior", "account", "accounts", "product",
            "operations", "department", "hr", "it", "legal", "finance", "marketing", "management", "officer", "doctor",
            "patient", "president", "vice",
            // days, months, greetings and thanks
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "june", "july", "august", "september", "october", "november", "december", "today",
            "tomorrow", "yesterday", "morning", "afternoon", "evening", "night", "world", "thanks", "thank", "regards",
            "best", "cheers", "hello", "hi", "hey", "dear", "hope", "kind", "warm", "sincerely",
            // nationalities and languages
            "english", "spanish", "french", "german", "italian", "portuguese", "dutch", "american", "british",
            "canadian", "mexican", "irish", "scottish", "welsh", "australian", "indian", "chinese", "japanese",
            "brazilian", "argentinian", "colombian", "polish", "russian", "swiss", "swedish", "european", "latino",
            "catalan", "basque", "galician", "castilian",
            // Spanish function words, pronouns, states and roles
            "el", "la", "los", "las", "un", "una", "unos", "unas", "yo", "tú", "usted", "ustedes", "nosotros", "mi",
            "mis", "su", "sus", "tu", "tus", "de", "del", "en", "con", "por", "para", "sin", "que", "qué", "muy", "aquí",
            "hoy", "mañana", "ayer", "ya", "no", "sí", "si", "y", "o", "pero", "como", "cuando", "donde", "todo",
            "todos", "nuevo", "nueva", "cliente", "clientes", "usuario", "usuaria", "socio", "socia", "titular",
            "equipo", "soporte", "atención", "servicio", "departamento", "ventas", "administración", "señor", "señora",
            "señores", "señorita", "caballero", "amigo", "amiga", "amigos", "compañero", "compañera", "responsable",
            "gerente", "director", "directora", "médico", "médica", "paciente", "lunes", "martes", "miércoles", "jueves",
            "viernes", "sábado", "domingo", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre", "gracias", "saludos", "hola", "buenas", "buenos", "días",
            "tardes", "noches", "español", "española", "inglés", "inglesa", "urgente", "importante",
            // honorifics and contractions, read by their own cues
            "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sr", "sra", "srta", "dra", "dña", "doña", "don", "d",
            "i'm", "i’m", "i'd", "i'll", "i've", "incorrect", "misspelled", "misspelt", "spelled", "spelt"));

    @Override
    public PiiType type() {
        return PiiType.PERSON;
    }

    @Override
    public void detect(String text, List<Span> out) {
        Matcher cue = CUES.matcher(text);
        int from = 0;
        while (from < text.length() && cue.find(from)) {
            from = Math.max(cue.end(), cue.start() + 1);
            if (cue.start("label") >= 0) {
                name(text, cue.end(), true, Boundary.LINE_OR_FIELD, STATED, out);
            } else if (cue.start("recipient") >= 0) {
                // the first line of a postal address: only a whole line of two or more name words
                name(text, cue.end(), false, Boundary.LINE_TWO_WORDS, CUED, out);
            } else if (cue.start("asked") >= 0) {
                // "What's your name? Ana Ruiz" / "¿Cómo se llama? Ana": the answer is the whole line
                name(text, cue.end(), false, Boundary.LINE, CUED, out);
            } else if (cue.start("stated") >= 0) {
                if (sentenceCase(text, cue.start(), cue.end())) {
                    name(text, cue.end(), false, Boundary.ANY, STATED, out);
                }
            } else if (cue.start("intro") >= 0) {
                if (sentenceCase(text, cue.start(), cue.end())) {
                    name(text, cue.end(), false, Boundary.CLAUSE, CUED, out);
                }
            } else if (cue.start("greeting") >= 0) {
                // greetings are often Title Case ("Good Morning Ana,"), so no case check here
                name(text, cue.end(), false, Boundary.GREETING, CUED, out);
            } else if (cue.start("signoff") >= 0) {
                if (signoffPunctuated(text, cue.start(), cue.end())) {
                    name(text, cue.end(), false, Boundary.LINE, CUED, out);
                }
            } else if (honorific(text, cue.start(), cue.end())) {
                name(text, cue.end(), false, Boundary.ANY, CUED, out);
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
    private static void name(String text, int pos, boolean capitalsAllowed, Boundary boundary, double confidence,
            List<Span> out) {
        int start = pos;
        int end = -1;
        int words = 0;
        int i = pos;
        while (words < MAX_NAME_WORDS) {
            int wordEnd = nameWordEnd(text, i, capitalsAllowed);
            if (wordEnd < 0) {
                // a middle initial or a particle only counts when another name word follows
                int joined = joinerEnd(text, i, words > 0);
                if (joined < 0) {
                    break;
                }
                int after = skipSpaces(text, joined);
                if (nameWordEnd(text, after, capitalsAllowed) < 0 && joinerEnd(text, after, true) < 0) {
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

    /** The end of a capitalised name word at {@code i} that is not a stop word, or -1. */
    private static int nameWordEnd(String text, int i, boolean capitalsAllowed) {
        if (i >= text.length() || !Character.isUpperCase(text.charAt(i)) || !wordStart(text, i)) {
            return -1;
        }
        int end = i + 1;
        boolean lower = false;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (Character.isLetter(c)) {
                lower |= Character.isLowerCase(c);
                end++;
            } else if ((c == '\'' || c == '’' || c == '-') && end + 1 < text.length()
                    && Character.isLetter(text.charAt(end + 1))
                    && !possessive(text, end)) {
                end++;
            } else {
                break;
            }
        }
        if (end - i < 2 || (end < text.length() && Character.isDigit(text.charAt(end)))) {
            return -1;
        }
        if (!lower && !capitalsAllowed) {
            return -1;
        }
        if (STOP.contains(text.substring(i, end).toLowerCase(Locale.ROOT))) {
            return -1;
        }
        return end;
    }

    private static boolean possessive(String text, int apostrophe) {
        int after = apostrophe + 2;
        return (text.charAt(apostrophe + 1) == 's' || text.charAt(apostrophe + 1) == 'S')
                && (after >= text.length() || !Character.isLetter(text.charAt(after)));
    }

    /** The end of an initial ("R." anywhere, "R" inside a name) or, inside a name, a particle ("de", "van"); or -1. */
    private static int joinerEnd(String text, int i, boolean insideName) {
        if (i >= text.length() || !wordStart(text, i)) {
            return -1;
        }
        if (Character.isUpperCase(text.charAt(i))
                && (i + 1 == text.length() || !Character.isLetter(text.charAt(i + 1)))) {
            boolean period = i + 1 < text.length() && text.charAt(i + 1) == '.';
            // a leading initial needs its period ("J. Smith"), or "This is A Test" would read as a name
            return period ? i + 2 : insideName ? i + 1 : -1;
        }
        if (!insideName) {
            return -1;
        }
        int end = i;
        while (end < text.length() && Character.isLowerCase(text.charAt(end))) {
            end++;
        }
        if (end == i || end - i > 3 || (end < text.length() && Character.isLetterOrDigit(text.charAt(end)))) {
            return -1;
        }
        return PARTICLES.contains(text.substring(i, end)) ? end : -1;
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean endsAsRequired(String text, int end, int words, Boundary boundary) {
        char next = end < text.length() ? text.charAt(end) : '\n';
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
    private static boolean followedByJoiningWord(String text, int end) {
        int i = skipSpaces(text, end);
        if (i == end) {
            return false;
        }
        for (String word : JOINING_WORDS) {
            if (text.regionMatches(true, i, word, 0, word.length())
                    && (i + word.length() == text.length() || !Character.isLetter(text.charAt(i + word.length())))) {
                return true;
            }
        }
        return false;
    }

    private static boolean restOfLineIs(String text, int from, String allowed) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
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
    private static boolean sentenceCase(String text, int start, int end) {
        for (int i = start + 1; i < end; i++) {
            if (Character.isUpperCase(text.charAt(i)) && text.charAt(i - 1) == ' ') {
                return false;
            }
        }
        return true;
    }

    private static boolean signoffPunctuated(String text, int start, int end) {
        int wordEnd = start;
        while (wordEnd < end && (Character.isLetter(text.charAt(wordEnd)) || text.charAt(wordEnd) == ' ')) {
            wordEnd++;
        }
        String words = text.substring(start, wordEnd).strip().toLowerCase(Locale.ROOT);
        if (!SIGNOFFS_NEEDING_PUNCTUATION.contains(words)) {
            return true;
        }
        for (int i = wordEnd; i < end; i++) {
            char c = text.charAt(i);
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
    private static boolean honorific(String text, int start, int end) {
        int wordEnd = start;
        while (wordEnd < end && Character.isLetter(text.charAt(wordEnd))) {
            wordEnd++;
        }
        String word = text.substring(start, wordEnd);
        String lower = word.toLowerCase(Locale.ROOT);
        boolean period = wordEnd < text.length() && text.charAt(wordEnd) == '.';
        if (!period && (!BARE_HONORIFICS.contains(lower) || !Character.isUpperCase(word.charAt(0)))) {
            return false;
        }
        if (lower.equals("d") && (!Character.isUpperCase(word.charAt(0)) || !twoNameWords(text, end))) {
            return false;
        }
        return !afterCapitalisedWordOrNumber(text, start);
    }

    private static boolean twoNameWords(String text, int pos) {
        int first = nameWordEnd(text, pos, false);
        return first > 0 && nameWordEnd(text, skipSpaces(text, first), false) > 0 && skipSpaces(text, first) > first;
    }

    private static boolean afterCapitalisedWordOrNumber(String text, int start) {
        int i = start;
        while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
            i--;
        }
        if (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1))) {
            return false;
        }
        int wordStart = i;
        while (wordStart > 0 && Character.isLetterOrDigit(text.charAt(wordStart - 1))) {
            wordStart--;
        }
        char first = text.charAt(wordStart);
        if (Character.isDigit(first)) {
            return true;
        }
        if (!Character.isUpperCase(first) || WORDS_BEFORE_HONORIFIC.contains(text.substring(wordStart, i).toLowerCase(Locale.ROOT))) {
            return false;
        }
        // a capitalised word opening a sentence ("Could Dr. Ruiz …") is not a street name
        return !sentenceStart(text, wordStart);
    }

    private static boolean sentenceStart(String text, int i) {
        while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
            i--;
        }
        return i == 0 || ".!?:;\n\r\"(".indexOf(text.charAt(i - 1)) >= 0;
    }

    private static boolean wordStart(String text, int i) {
        return i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
    }
}
