package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.Chars;
import dev.veil.tokenizer.detect.Confidence;
import dev.veil.tokenizer.detect.ContextWords;
import dev.veil.tokenizer.detect.IndexedDetector;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import dev.veil.tokenizer.detect.TextIndex;
import java.util.List;

/**
 * Finds Spanish street addresses: a street type ({@code Calle}, {@code C/}, {@code Avda.},
 * {@code Paseo}, {@code Pza.} ...), a name and a number or {@code s/n}, with the floor and door
 * ({@code 3º izq.}, {@code 2º B}) and the postcode and town ({@code 28014 Madrid}) when they follow.
 */
public final class SpanishAddressDetector implements IndexedDetector, ScannedDetector {

    static final ContextWords STREET_TYPES = ContextWords.of(
            "calle", "c/", "c/.", "cl.", "cl", "avenida", "avda.", "avda", "avd.", "av.", "av", "paseo", "pº", "p.º",
            "pso.", "plaza", "pza.", "pza", "pz.", "pl.", "plza.", "carretera", "ctra.", "ctra", "crta.", "camino",
            "cno.", "ronda", "rda.", "travesía", "travesia", "trav.", "glorieta", "gta.", "urbanización",
            "urbanizacion", "urb.", "pasaje", "pje.", "rambla", "vía", "via", "carrer", "c.", "rúa", "rua", "passeig",
            "pg.", "avinguda", "avgda.", "plaça", "paraje", "polígono", "poligono", "pol.", "barrio", "bº", "cuesta",
            "callejón", "callejon", "alameda", "bulevar", "costanilla", "carrera", "diagonal", "p/", "av/", "avda/", "pg");
    /** Street types that still mark an address when written in lower case ("vive en la calle Mayor 5"). */
    private static final ContextWords LOWER_CASE_TYPES = ContextWords.of(
            "calle", "c/", "avenida", "avda.", "avda", "paseo", "carretera", "ctra.", "plaza", "pza.");
    /** Lower-case words allowed inside a street name ("Calle de la Virgen", "Plaza de los Reyes"). */
    private static final ContextWords PARTICLES = ContextWords.of(
            "de", "del", "la", "las", "los", "el", "y", "i", "d'", "l'", "en", "san", "santa", "sant");
    /** Floor, door and block words after the number ("3º izq.", "bajo A", "Esc. 2"). */
    private static final ContextWords DETAILS = ContextWords.of(
            "izq", "izq.", "izqda", "izqda.", "izda", "izda.", "izquierda", "dcha", "dcha.", "drcha", "drcha.", "dch",
            "dch.", "der.", "derecha", "bajo", "bajos", "bj.", "ático", "atico", "entlo", "entlo.", "entresuelo",
            "piso", "puerta", "pta", "pta.", "esc", "esc.", "escalera", "portal", "bloque", "blq", "blq.", "local",
            "planta", "pl", "pl.", "interior", "int", "int.", "exterior", "ext", "ext.", "apto", "apto.",
            "apartamento", "casa", "edificio", "ed.", "edif.", "centro", "sur", "norte", "este", "oeste");
    private static final int MAX_NAME_WORDS = 6;
    private static final int MAX_DETAILS = 6;
    private static final double STREET = 0.65;
    private static final double FULL = Confidence.FULL_ADDRESS;

    @Override
    public PiiType type() {
        return PiiType.ADDRESS;
    }

    @Override
    public void detect(String text, TextIndex index, List<Span> out) {
        AddressScan scan = AddressScan.of(text, index);
        detect(scan.text(), scan, out);
    }

    @Override
    public void detect(Text text, AddressScan scan, List<Span> out) {
        scan.visitLetterWords(WordClasses.SPANISH_TYPE, i -> {
            int typeEnd = STREET_TYPES.matchAt(text.chars(), i);
            int end = typeEnd > 0 ? match(text, i, typeEnd, out) : i;
            return end > i ? end : Math.max(i + 1, AddressParts.wordEnd(text, i));
        });
    }

    private static int match(Text text, int start, int typeEnd, List<Span> out) {
        int n = text.length();
        if (!Chars.isUpper(text.charAt(start)) && LOWER_CASE_TYPES.matchAt(text.chars(), start) != typeEnd) {
            return start; // "via", "camino", "ronda" in lower case are ordinary words
        }
        // a lower-case name ("Calle de la fuente 12") is accepted only after a capitalised full word,
        // never after a bare abbreviation such as "AV" (which is also "agudeza visual")
        boolean typeCapitalized = Chars.isUpper(text.charAt(start)) && typeEnd - start >= 5
                && Chars.isLetter(text.charAt(typeEnd - 1));
        int pos = typeEnd;
        if (text.charAt(typeEnd - 1) != '/') {
            if (pos >= n || text.charAt(pos) != ' ') {
                return start;
            }
        }
        pos = AddressParts.skipBlanks(text, pos);
        // the name: words up to the number
        int realWords = 0;
        int nameEnd = -1;
        for (int k = 0; k < MAX_NAME_WORDS && pos < n; k++) {
            int token = AddressParts.tokenEnd(text, pos);
            if (token == pos) {
                break;
            }
            boolean digitsOnly = Chars.countDigits(text.chars(), pos, token) == token - pos;
            if ((Chars.isDigit(text.charAt(pos)) && realWords > 0) || (realWords > 0 && numberMarkerEnd(text, pos) > pos)
                    || Chars.regionMatchesIgnoreCase(text.chars(), pos, "s/n", 0, 3)) {
                break; // the house number
            }
            boolean particle = PARTICLES.matchAt(text.chars(), pos) == token;
            boolean capitalized = Chars.isUpper(text.charAt(pos));
            if (!particle) {
                // after a lower-case "calle" the name must be capitalised; after "Calle" it may not be
                boolean allowed = capitalized || (digitsOnly && k == 0) || (typeCapitalized && realWords > 0)
                        || (typeCapitalized && Chars.isLetter(text.charAt(pos)));
                if (!allowed) {
                    return start;
                }
                realWords++;
            }
            pos = token;
            if (pos < n && text.charAt(pos) == '.') {
                pos++; // "Gral.", "Dr."
            }
            nameEnd = pos;
            if (pos + 1 >= n || text.charAt(pos) != ' ') {
                break;
            }
            pos++;
        }
        if (nameEnd < 0 || realWords == 0) {
            return start;
        }
        int number = houseNumber(text, nameEnd);
        if (number < 0) {
            return start;
        }
        int end = number;
        int details = detailsEnd(text, end);
        boolean more = details > end;
        end = details;
        int postcode = postcodeTownEnd(text, end);
        if (postcode > 0) {
            end = postcode;
            more = true;
        }
        boolean context = AddressParts.CONTEXT.before(text.chars(), start, AddressParts.CONTEXT_WINDOW);
        out.add(new Span(PiiType.ADDRESS, start, end, Confidence.boosted(more ? FULL : STREET, context)));
        return end;
    }

    /**
     * The end of the house number after the name ending at {@code p}: {@code 48}, {@code , 13},
     * {@code 12A}, {@code 340-350}, {@code nº 7}, {@code s/n}, {@code Km 12,500}; -1 if none.
     */
    static int houseNumber(Text text, int p) {
        int n = text.length();
        int q = AddressParts.skipBlanks(text, p);
        if (q < n && (text.charAt(q) == ',' || text.charAt(q) == '.')) {
            q++;
        }
        q = AddressParts.skipBlanks(text, q);
        if (q >= n) {
            return -1;
        }
        if (Chars.regionMatchesIgnoreCase(text.chars(), q, "s/n", 0, 3) && text.wordEndsAt(q + 3)) {
            return q + 3;
        }
        int marker = numberMarkerEnd(text, q);
        boolean hasMarker = marker > q;
        if (hasMarker) {
            q = AddressParts.skipBlanks(text, marker);
        }
        if (q >= n || !Chars.isDigit(text.charAt(q))) {
            return -1;
        }
        int end = q;
        while (end < n && end - q < 5 && Chars.isDigit(text.charAt(end))) {
            end++;
        }
        if (end - q > 4) {
            return -1;
        }
        int first = Integer.parseInt(text.string(), q, end, 10);
        int second = end + 1 < n && text.charAt(end) == '-' ? leadingNumber(text, end + 1) : -1;
        if (second > first) {
            // a range of numbers, 340-350 (while 8-5º is number 8, floor 5)
            end = AddressParts.tokenEnd(text, end + 1);
        } else if (end + 1 < n && text.charAt(end) == ',' && hasMarker && Chars.isDigit(text.charAt(end + 1))) {
            int r = end + 1; // kilometre point 12,500
            while (r < n && r - end < 5 && Chars.isDigit(text.charAt(r))) {
                r++;
            }
            end = r;
        } else if (end < n && Chars.isAsciiLetter(text.charAt(end)) && text.wordEndsAt(end + 1)) {
            end++; // 12A
        }
        return Chars.numberEndsAt(text.chars(), end) || floorAfterDash(text, end) ? end : -1;
    }

    /** A floor right after the number and a dash: {@code 8-5º}, {@code 39-2o}. */
    private static boolean floorAfterDash(Text text, int p) {
        int n = text.length();
        if (p >= n || text.charAt(p) != '-') {
            return false;
        }
        int q = p + 1;
        while (q < n && q - p <= 2 && Chars.isDigit(text.charAt(q))) {
            q++;
        }
        return q > p + 1 && q < n && "ºª°o".indexOf(text.charAt(q)) >= 0;
    }

    /** The number made by the digits at {@code p} if they are followed by a word end, else -1. */
    private static int leadingNumber(Text text, int p) {
        int end = p;
        while (end < text.length() && end - p < 5 && Chars.isDigit(text.charAt(end))) {
            end++;
        }
        return end > p && end - p < 5 && text.wordEndsAt(end) ? Integer.parseInt(text.string(), p, end, 10) : -1;
    }

    /** {@code nº}, {@code n.º}, {@code no}, {@code núm.}, {@code número}, {@code km}; returns q if none. */
    private static int numberMarkerEnd(Text text, int q) {
        String[] markers = {"número", "numero", "núm.", "num.", "n.º", "nº", "n°", "no.", "no", "km.", "km", "#"};
        for (String marker : markers) {
            int end = q + marker.length();
            if (Chars.regionMatchesIgnoreCase(text.chars(), q, marker, 0, marker.length())
                    && end < text.length() && (text.charAt(end) == ' ' || Chars.isDigit(text.charAt(end)))) {
                return end;
            }
        }
        return q;
    }

    /** The end of the floor, door and block after a number ({@code , 3º izq.}, {@code - 2º B}, {@code 6 C}). */
    static int detailsEnd(Text text, int p) {
        int n = text.length();
        int end = p;
        for (int k = 0; k < MAX_DETAILS; k++) {
            int q = end;
            if (q < n && (text.charAt(q) == ',' || text.charAt(q) == '.' || text.charAt(q) == '-')) {
                q++;
            }
            q = AddressParts.skipBlanks(text, q);
            if (q < n && text.charAt(q) == '-' && q > end) {
                q = AddressParts.skipBlanks(text, q + 1);
            }
            int detail = detailEnd(text, q);
            if (detail < 0) {
                break;
            }
            end = detail;
        }
        return end;
    }

    private static int detailEnd(Text text, int q) {
        int n = text.length();
        if (q >= n) {
            return -1;
        }
        char c = text.charAt(q);
        if (Chars.isDigit(c)) {
            int end = q;
            while (end < n && end - q < 3 && Chars.isDigit(text.charAt(end))) {
                end++;
            }
            if (end - q > 2) {
                return -1; // a postcode, a year: not a floor
            }
            if (end < n && (text.charAt(end) == 'º' || text.charAt(end) == 'ª' || text.charAt(end) == '°')) {
                end++;
            }
            if (end < n && Chars.isAsciiLetter(text.charAt(end)) && text.wordEndsAt(end + 1)) {
                end++;
            }
            if (end < n && text.charAt(end) == '-' && end + 1 < n && Chars.isUpper(text.charAt(end + 1))) {
                int w = AddressParts.wordEnd(text, end + 1);
                end = DETAILS.matchAt(text.chars(), end + 1) == w ? w : end; // 6º A-Sur
            }
            return text.wordEndsAt(end) ? end : -1;
        }
        int word = DETAILS.matchAt(text.chars(), q);
        if (word > 0) {
            return word;
        }
        // a lone upper-case door letter: "2º B", "3, A"
        if (c >= 'A' && c <= 'Z' && text.wordEndsAt(q + 1)
                && (q + 2 >= n || text.charAt(q + 1) != '.' || Character.isWhitespace(text.charAt(q + 2)))) {
            return q + 1; // but not an initial such as "A.Martínez"
        }
        return -1;
    }

    /** A Spanish postcode (01000-52999) and the town after it, with an optional province; -1 if none. */
    static int postcodeTownEnd(Text text, int p) {
        int n = text.length();
        int q = p;
        if (q < n && (text.charAt(q) == ',' || text.charAt(q) == '.' || text.charAt(q) == '-')) {
            q++;
        }
        q = AddressParts.skipSeparator(text, q);
        if (q == p || q + 5 > n) {
            return -1;
        }
        for (int i = q; i < q + 5; i++) {
            if (!Chars.isDigit(text.charAt(i))) {
                return -1;
            }
        }
        int province = (text.charAt(q) - '0') * 10 + (text.charAt(q + 1) - '0');
        if (province < 1 || province > 52 || !Chars.numberEndsAt(text.chars(), q + 5)) {
            return -1;
        }
        int pos = q + 5;
        if (pos >= n || text.charAt(pos) != ' ') {
            return pos;
        }
        int end = pos;
        int words = 0;
        pos++;
        while (pos < n && words < 4) {
            int w = AddressParts.wordEnd(text, pos);
            if (w == pos) {
                break;
            }
            boolean particle = PARTICLES.matchAt(text.chars(), pos) == w;
            if (!Chars.isUpper(text.charAt(pos)) && !particle) {
                break;
            }
            words++;
            if (!particle) {
                end = w;
            }
            if (w + 1 < n && text.charAt(w) == ' ' && Chars.isLetter(text.charAt(w + 1))) {
                pos = w + 1;
            } else {
                break;
            }
        }
        // "(Madrid)" after the town
        if (end + 2 < n && text.charAt(end) == ' ' && text.charAt(end + 1) == '(') {
            int w = AddressParts.wordEnd(text, end + 2);
            if (w > end + 2 && w < n && text.charAt(w) == ')') {
                end = w + 1;
            }
        }
        return end;
    }
}
