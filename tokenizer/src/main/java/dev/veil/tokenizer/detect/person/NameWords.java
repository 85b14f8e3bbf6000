package dev.veil.tokenizer.detect.person;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * What counts as a word of a person's name: a capitalised word that is not a common word
 * ("Urgent", "Team", "Lunes"), an initial ("R."), or a joining particle inside a name ("de la",
 * "van"). Shared by the cues of {@link PersonDetector}.
 */
final class NameWords {

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

    private NameWords() {}

    /** The end of a capitalised name word at {@code i} that is not a stop word, or -1. */
    static int nameWordEnd(String text, int i, boolean capitalsAllowed) {
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
    static int joinerEnd(String text, int i, boolean insideName) {
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

    static boolean wordStart(String text, int i) {
        return i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
    }
}
