package dev.veil.tokenizer.detect.person;

import dev.veil.tokenizer.detect.Chars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What counts as a word of a person's name: a capitalised word that is not a common word
 * ("Urgent", "Team", "Lunes"), an initial ("R."), or a joining particle inside a name ("de la",
 * "van"). Shared by the cues of {@link PersonDetector}.
 */
final class NameWords {

    /** The case of Latin-1 letters by a table: the scans ask it of every character of every capitalised word. */
    private static final boolean[] LATIN1_LOWER = new boolean[256];
    private static final boolean[] LATIN1_UPPER = new boolean[256];

    static {
        for (char c = 0; c < 256; c++) {
            LATIN1_LOWER[c] = Character.isLowerCase(c);
            LATIN1_UPPER[c] = Character.isUpperCase(c);
        }
    }

    /** Lower-case joining words inside a name ("María de la Cruz", "Ludwig van Beethoven"). */
    private static final WordSet PARTICLES = WordSet.of(Set.of("de", "del", "la", "las", "los", "van", "von", "der", "den", "da",
            "das", "do", "dos", "di", "du", "le", "y"));

    /** Capitalised words that follow the cues but are not names. */
    private static final WordSet STOP = WordSet.of(Set.copyOf(Arrays.asList(
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
            "i'm", "i’m", "i'd", "i'll", "i've", "incorrect", "misspelled", "misspelt", "spelled", "spelt")));

    /** Words that make a run of capitalised words an organisation or a place rather than a person. */
    private static final WordSet ORGANISATION = WordSet.of(Set.of("inc", "ltd", "llc", "llp", "plc", "corp", "corporation",
            "company", "co", "group", "bank", "banco", "university", "universidad", "universitat", "college", "school",
            "academy", "institute", "instituto", "hospital", "clinic", "clínica", "clinica", "centro", "center",
            "centre", "servicio", "service", "services", "fundación", "fundacion", "foundation", "church", "iglesia",
            "hotel", "airport", "aeropuerto", "station", "estación", "museum", "museo", "club", "records", "studio",
            "studios", "tv", "news", "press", "partners", "associates", "holdings", "solutions", "systems",
            "technologies", "labs", "media", "airlines", "motors", "foods", "pharma", "consulting", "ventures",
            "capital", "fund", "trust", "agency", "agencia", "council", "ministry", "ministerio", "department",
            "county", "city", "state", "republic", "kingdom", "province", "provincia", "region", "sa", "sl", "gmbh",
            "ag", "bv", "nv", "srl", "spa", "oy", "ab", "as", "unidad", "sección", "seccion", "planta", "área", "area",
            "consulta", "consultas", "urgencias", "laboratorio", "farmacia", "mutua", "salud", "sanitario",
            "sanitaria", "distrito", "barrio", "urbanización", "urbanizacion", "edificio", "residencia", "colegio",
            "ayuntamiento", "gobierno", "reino", "unido", "estados", "unidos", "tribunal", "juzgado", "court", "road", "lane", "square", "bridge", "river",
            "lake", "mountain", "mount", "island", "beach", "bay", "valley", "park", "tower", "hall", "house",
            "street", "avenue", "boulevard", "drive", "plaza", "bar", "restaurant", "cafe", "café", "pub", "shop",
            "store", "market", "mall", "cinema", "theatre", "theater", "festival", "award", "awards", "prize",
            "cup", "league", "championship", "series", "show", "tour", "album", "song", "novel", "movie", "film",
            "book", "magazine", "journal", "times", "post", "herald", "tribune", "gazette", "daily", "weekly",
            "online", "app", "pro", "plus", "premium", "edition", "version", "model", "code", "day", "week",
            "month", "year", "christmas", "easter", "navidad", "god", "dios", "lord", "saint", "san", "santa",
            "santo", "virgen", "nuestra", "señora", "general", "national", "nacional", "international",
            "internacional", "royal", "real", "federal", "central", "north", "south", "east", "west", "norte",
            "sur", "este", "oeste", "new", "old", "upper", "lower", "great", "little", "big", "high", "los",
            "las", "el", "la", "les", "le", "del", "union", "investments", "sons", "brothers", "bros", "orchestra",
            "band", "choir", "quartet", "trio", "ensemble", "family", "familia", "institution", "association",
            "asociación", "society", "sociedad", "federation", "federación", "committee", "comité", "office",
            "oficina", "embassy", "embajada", "consulate", "consulado", "port", "fort",
            "cape", "isla", "playa", "río", "rio", "lago", "valle", "quinta", "finca"));

    /**
     * Spanish words that open sentences of reports and tickets and are also someone's given name in
     * the US lists ("Al", "Fue", "Esta"); a capitalised one is not read as a name.
     */
    private static final WordSet SPANISH_COMMON = WordSet.of(Set.of("al", "fue", "era", "es", "son", "esta", "está", "este",
            "estos", "estas", "ese", "esa", "esos", "esas", "tras", "uno", "una", "dos", "tres", "cuatro", "cinco",
            "seis", "siete", "ocho", "nueve", "diez", "niño", "niña", "nino", "nina", "varón", "mujer", "hombre",
            "paciente", "presenta", "refiere", "acude", "ingresa", "tiene", "tenía", "había", "hay", "ha", "han", "se",
            "le", "lo", "les", "nos", "na", "ante", "bajo", "cabe", "contra", "desde", "durante", "entre", "hacia",
            "hasta", "mediante", "según", "sobre", "asma", "masa", "dolor", "fiebre", "tos", "sangre", "herida",
            "remedios", "consuelo", "amparo", "rocío", "luz", "paz", "gloria", "socorro", "soledad", "cruz",
            "caridad", "esperanza", "fe", "angustias", "dolores", "mercedes", "rosario", "pilar", "concepción",
            "asunción", "encarnación", "visitación", "purificación", "montserrat", "nieves", "reyes", "ángeles",
            "angeles", "carmen", "fátima", "lourdes", "milagros", "estrella", "aurora", "alba", "sol", "mar",
            "cielo", "paloma", "blanca", "rosa", "violeta", "azucena", "margarita", "candida", "cándida",
            "inmaculada", "trinidad", "victoria", "salud", "belén", "begoña", "covadonga", "guadalupe", "macarena"));

    /** Lower-case joining words inside a name found from the lexicon; not "y", which joins two people. */
    private static final WordSet LEXICON_PARTICLES = WordSet.of(Set.of("de", "del", "la", "las", "los", "van", "von", "der",
            "den", "da", "das", "do", "dos", "di", "du", "le", "ten", "ter", "bin", "ibn", "al", "el"));

    /** Below U+0300 (combining grave accent) no character is a combining mark. */
    private static final char FIRST_MARK = '\u0300';

    private static final int MAX_PARTICLE = 3;

    /** {@link #LEXICON_PARTICLES} as bits of their letters packed 5 bits each (a is 1), for {@link #particleEnd}. */
    private static final long[] PARTICLE_KEYS = new long[(1 << 5 * MAX_PARTICLE) / 64];

    static {
        for (String particle : LEXICON_PARTICLES.words()) {
            int key = 0;
            for (int k = 0; k < particle.length(); k++) {
                char c = particle.charAt(k);
                if (c < 'a' || c > 'z' || particle.length() > MAX_PARTICLE) {
                    throw new IllegalStateException("name particle: not up to " + MAX_PARTICLE + " ASCII letters");
                }
                key = key << 5 | (c - 'a' + 1);
            }
            PARTICLE_KEYS[key >>> 6] |= 1L << key;
        }
    }

    private NameWords() {}

    /** The end of a capitalised name word at {@code i} that is not a stop word, or -1. */
    static int nameWordEnd(char[] text, int i, boolean capitalsAllowed) {
        if (i >= text.length || !isUpperCase(text[i]) || !wordStart(text, i)) {
            return -1;
        }
        int end = i + 1;
        boolean lower = false;
        while (end < text.length) {
            char c = text[end];
            if (Chars.isLetter(c)) {
                lower |= isLowerCase(c);
                end++;
            } else if ((c == '\'' || c == '’' || c == '-') && end + 1 < text.length
                    && Chars.isLetter(text[end + 1])
                    && !possessive(text, end)) {
                end++;
            } else {
                break;
            }
        }
        if (end - i < 2 || (end < text.length && Character.isDigit(text[end]))) {
            return -1;
        }
        if (!lower && !capitalsAllowed) {
            return -1;
        }
        if (STOP.containsIgnoreCase(text, i, end)) {
            return -1;
        }
        return end;
    }

    private static boolean possessive(char[] text, int apostrophe) {
        int after = apostrophe + 2;
        return (text[apostrophe + 1] == 's' || text[apostrophe + 1] == 'S')
                && (after >= text.length || !Chars.isLetter(text[after]));
    }

    /** The end of an initial ("R." anywhere, "R" inside a name) or, inside a name, a particle ("de", "van"); or -1. */
    static int joinerEnd(char[] text, int i, boolean insideName) {
        if (i >= text.length || !wordStart(text, i)) {
            return -1;
        }
        if (isUpperCase(text[i])
                && (i + 1 == text.length || !Chars.isLetter(text[i + 1]))) {
            boolean period = i + 1 < text.length && text[i + 1] == '.';
            // a leading initial needs its period ("J. Smith"), or "This is A Test" would read as a name
            return period ? i + 2 : insideName ? i + 1 : -1;
        }
        if (!insideName) {
            return -1;
        }
        int end = i;
        while (end < text.length && isLowerCase(text[end])) {
            end++;
        }
        if (end == i || end - i > 3 || (end < text.length && Chars.isLetterOrDigit(text[end]))) {
            return -1;
        }
        return PARTICLES.contains(text, i, end) ? end : -1;
    }

    static Set<String> stopWords() {
        return STOP.words();
    }

    static Set<String> organisationWords() {
        return ORGANISATION.words();
    }

    static Set<String> spanishCommonWords() {
        return SPANISH_COMMON.words();
    }

    /** Whether {@code text[start, end)} is on the stop-list of capitalised words that are no name. */
    static boolean isStopWord(char[] text, int start, int end) {
        return STOP.containsIgnoreCase(text, start, end);
    }

    /** Verbs of speech and naming that put a name next to them: "said Ana", "Ana replied", "dijo Ana". */
    private static final WordSet SPEECH = WordSet.of(Set.of("said", "says", "asked", "asks", "told", "tells", "replied",
            "replies", "shouted", "shouts", "answered", "answers", "explained", "explains", "added", "adds", "wrote",
            "writes", "named", "called", "thanked", "starring", "featuring", "dijo", "dice", "preguntó", "pregunta", "respondió", "responde",
            "contestó", "contesta", "gritó", "explicó", "añadió", "escribió", "llamado", "llamada"));
    private static final WordSet ARTICLES = WordSet.of(Set.of("the", "a", "an", "this", "that", "el", "la", "los", "las",
            "un", "una", "del", "al", "de", "of", "our", "my", "your", "their", "his", "her", "its", "mi", "tu", "su"));
    private static final WordSet HOUSE_NUMBER = WordSet.of(Set.of("nº", "n°", "no", "num", "núm", "numero", "número", "nr",
            "n", "s/n"));

    /** Endings of Spanish and Latin terms ("Pediátrica", "Encefalopatía", "Pneumoniae"), which names rarely have. */
    private static final String[] TERM_ENDINGS = {"ía", "ica", "ico", "icas", "icos", "itis", "osis", "ción", "sión",
        "mente", "ismo", "ae", "ia", "ium", "ensis", "coccus", "bacter", "ología", "ales", "ares", "ivo", "iva"};

    /** {@link #TERM_ENDINGS} by their last character (all Latin-1), each in the list's order. */
    private static final String[][] ENDINGS_BY_LAST = endingsByLast();

    private static String[][] endingsByLast() {
        String[][] byLast = new String[256][];
        for (char c = 0; c < 256; c++) {
            List<String> endings = new ArrayList<>();
            for (String ending : TERM_ENDINGS) {
                if (ending.charAt(ending.length() - 1) == c) {
                    endings.add(ending);
                }
            }
            byLast[c] = endings.toArray(new String[0]);
        }
        return byLast;
    }

    /** Whether a capitalised word ends as Spanish or Latin terms do, or reads as an acronym ("SLx"). */
    static boolean termShaped(char[] text, int start, int end) {
        if (end - start > 1 && isUpperCase(text[start + 1])) {
            return true;
        }
        for (int i = start; i < end; i++) {
            if (text[i] >= 256) {
                return termShaped(new String(text, start, end - start).toLowerCase(Locale.ROOT));
            }
        }
        // a Latin-1 word lower-cases letter by letter, as toLowerCase would, so its ending is read in
        // place; only the endings with its last letter can match, in TERM_ENDINGS' order
        int length = end - start;
        if (length <= 4) {
            return false; // no ending leaves the two letters before it a name would need
        }
        for (String ending : ENDINGS_BY_LAST[Character.toLowerCase(text[end - 1])]) {
            if (length > ending.length() + 2 && endsWithLowerCase(text, end, ending)) {
                return !ending.startsWith("ic") || accented(text, start, end);
            }
        }
        return false;
    }

    private static boolean termShaped(String word) {
        for (String ending : TERM_ENDINGS) {
            if (word.length() > ending.length() + 2 && word.endsWith(ending)) {
                // "-ico" is an adjective with its accent ("Clínico", "Pediátrica"); a name without ("Federico")
                return !ending.startsWith("ic") || accented(word.toCharArray(), 0, word.length());
            }
        }
        return false;
    }

    private static boolean endsWithLowerCase(char[] text, int end, String ending) {
        int from = end - ending.length();
        for (int k = 0; k < ending.length(); k++) {
            if (Character.toLowerCase(text[from + k]) != ending.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Verbs and adverbs that follow a person opening a sentence: "Ivolina is from", "Ivolina spent a year". */
    private static final WordSet PERSON_VERBS = WordSet.of(Set.of("is", "was", "has", "had", "spent", "began", "begins",
            "lives", "lived", "will", "would", "wants", "wanted", "went", "goes", "works", "worked", "just", "never",
            "always", "also", "still", "likes", "loves", "loved", "knows", "knew", "thinks", "thought", "feels",
            "felt", "became", "joined", "left", "moved", "studied", "grew", "married", "died", "won", "lost"));

    /** Whether {@code text[start, end)} is a verb that follows a person opening a sentence. */
    static boolean isPersonVerb(char[] text, int start, int end) {
        return PERSON_VERBS.contains(text, start, end);
    }

    private static boolean accented(char[] word, int start, int end) {
        for (int i = start; i < end; i++) {
            if ("áéíóúü".indexOf(Character.toLowerCase(word[i])) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Words that open a question or request after a name and a comma: "Radomila, can you …". */
    private static final WordSet VOCATIVE_FOLLOWERS = WordSet.of(Set.of("can", "could", "would", "will", "please", "i",
            "you", "are", "do", "did", "have", "is", "we", "thanks", "thank", "let", "how", "what", "where", "when",
            "why", "puedes", "puede", "por", "gracias", "te", "me", "podrías", "podría"));

    /** Whether {@code text[start, end)} opens a question or request addressed to someone. */
    static boolean isVocativeFollower(char[] text, int start, int end) {
        return VOCATIVE_FOLLOWERS.containsIgnoreCase(text, start, end);
    }

    /** Whether {@code text[start, end)} is a verb of speech or naming. */
    static boolean isSpeechWord(char[] text, int start, int end) {
        return SPEECH.containsIgnoreCase(text, start, end);
    }

    /** Whether {@code text[start, end)} is an article or a possessive ("the", "la", "my"). */
    static boolean isArticle(char[] text, int start, int end) {
        return ARTICLES.containsIgnoreCase(text, start, end);
    }

    /** Whether {@code text[start, end)} is a word for a house number ("nº", "núm"). */
    static boolean isHouseNumberWord(char[] text, int start, int end) {
        return HOUSE_NUMBER.containsIgnoreCase(text, start, end);
    }

    /** Whether {@code text[start, end)} is a lower-case joining word of names or places ("de", "la", "van"). */
    static boolean isJoiningWord(char[] text, int start, int end) {
        return end > start && isLowerCase(text[start]) && LEXICON_PARTICLES.contains(text, start, end);
    }

    /** Whether {@code text[start, end)} is a Spanish word that often opens a sentence, or a devotional name alone. */
    static boolean isSpanishCommon(char[] text, int start, int end) {
        return SPANISH_COMMON.containsIgnoreCase(text, start, end);
    }

    /**
     * The end of a capitalised word at {@code i} ("Ana", "O'Neill", "Martínez-Valls", "McKay"), stopping
     * before a possessive "'s"; -1 for a word in capitals, one glued to digits or to an e-mail or path.
     */
    static int capitalisedWordEnd(char[] text, int i) {
        int n = text.length;
        if (i >= n || !isUpperCase(text[i]) || !wordStart(text, i)) {
            return -1;
        }
        int end = i + 1;
        boolean lower = false;
        while (end < n) {
            char c = text[end];
            if (Chars.isLetter(c)) {
                lower |= isLowerCase(c);
                end++;
            } else if (c >= FIRST_MARK && Character.getType(c) == Character.NON_SPACING_MARK) {
                end++; // the JDK's class look-up only where a combining mark may stand: it ends every word
            } else if ((c == '\'' || c == '’' || c == '-') && end + 1 < n && Chars.isLetter(text[end + 1])
                    && !possessive(text, end)) {
                end++;
            } else {
                break;
            }
        }
        if (end - i < 2 || !lower) {
            return -1;
        }
        if (end < n) {
            char next = text[end];
            if (Character.isDigit(next) || next == '@' || next == '_' || next == '/' || next == '\\'
                    || (next == '.' && end + 1 < n && Chars.isLetterOrDigit(text[end + 1]))) {
                return -1;
            }
        }
        return end;
    }

    /**
     * What {@link #capitalisedWordEnd(char[], int, FoldedWord)} read of a word besides its end: its
     * {@link Fold#hash} and whether it is all ASCII, so that a look-up does not read the word again.
     */
    static final class FoldedWord {
        long hash;
        boolean ascii;
    }

    /**
     * {@link #capitalisedWordEnd(char[], int)}, folding the word into {@code word} as it reads it
     * (valid where the answer is not -1); the same loop, kept beside it so that each stays small.
     */
    static int capitalisedWordEnd(char[] text, int i, FoldedWord word) {
        int n = text.length;
        if (i >= n || !isUpperCase(text[i]) || !wordStart(text, i)) {
            return -1;
        }
        char first = text[i];
        long hash = Fold.add(Fold.START, first);
        int wide = first;
        int end = i + 1;
        boolean lower = false;
        while (end < n) {
            char c = text[end];
            if (Chars.isLetter(c)) {
                lower |= isLowerCase(c);
            } else if (c >= FIRST_MARK && Character.getType(c) == Character.NON_SPACING_MARK) {
                // the JDK's class look-up only where a combining mark may stand: it ends every word
            } else if (!((c == '\'' || c == '’' || c == '-') && end + 1 < n && Chars.isLetter(text[end + 1])
                    && !possessive(text, end))) {
                break;
            }
            hash = Fold.add(hash, c);
            wide |= c;
            end++;
        }
        if (end - i < 2 || !lower) {
            return -1;
        }
        if (end < n) {
            char next = text[end];
            if (Character.isDigit(next) || next == '@' || next == '_' || next == '/' || next == '\\'
                    || (next == '.' && end + 1 < n && Chars.isLetterOrDigit(text[end + 1]))) {
                return -1;
            }
        }
        word.hash = hash;
        word.ascii = wide < 0x80;
        return end;
    }

    /** The end of an initial at {@code i}: "J." or a lone capital followed by a space and a capital ("J Smith"); or -1. */
    static int initialEnd(char[] text, int i) {
        int n = text.length;
        if (i >= n || !isUpperCase(text[i]) || !wordStart(text, i)) {
            return -1;
        }
        if (i + 1 < n && text[i + 1] == '.' && (i + 2 == n || !Chars.isLetterOrDigit(text[i + 2]))) {
            return i + 2;
        }
        if (i + 2 < n && text[i + 1] == ' ' && isUpperCase(text[i + 2]) && text[i] != 'I') {
            return i + 1;
        }
        return -1;
    }

    /** The end of a lower-case joining word inside a name at {@code i} ("de", "van", "bin"); or -1. */
    static int particleEnd(char[] text, int i) {
        // the particles are two or three ASCII letters, packed here 5 bits a letter: one bit test, no hashing
        int n = text.length;
        int end = i;
        int key = 0;
        while (end < n && end - i <= MAX_PARTICLE) {
            char c = text[end];
            if (c < 'a' || c > 'z') {
                break;
            }
            key = key << 5 | (c - 'a' + 1);
            end++;
        }
        if (end == i || end - i > MAX_PARTICLE || end >= n || text[end] != ' ') {
            return -1;
        }
        return (PARTICLE_KEYS[key >>> 6] & 1L << key) != 0 ? end : -1;
    }

    /** Same as {@link Character#isLowerCase(char)}. */
    static boolean isLowerCase(char c) {
        return c < 256 ? LATIN1_LOWER[c] : Character.isLowerCase(c);
    }

    /** Same as {@link Character#isUpperCase(char)}. */
    static boolean isUpperCase(char c) {
        return c < 256 ? LATIN1_UPPER[c] : Character.isUpperCase(c);
    }

    static boolean wordStart(char[] text, int i) {
        return i == 0 || !Chars.isLetterOrDigit(text[i - 1]);
    }
}
