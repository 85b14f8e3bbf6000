package dev.veil.bench.variants;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of personal data written the ways customers really write it: fresh values of
 * each type (valid checksums), rendered in one variant family at a time, inside a sentence. The
 * families are general transformations (widths, digit scripts, invisible characters, separators,
 * markup, encodings ...), never a list of quoted strings, so a detector cannot be tuned to them.
 */
public final class Variants {

    /** What a generated case holds: personal data to catch, or a decoy to leave alone. */
    public enum Kind { VALUE, DECOY }

    /** One generated text; {@code secret} marks the characters that must be covered by a span. */
    public record Case(String family, String type, Kind kind, String text, boolean[] secret) {

        public Case {
            requireNonNull(family, "family");
            requireNonNull(type, "type");
            requireNonNull(kind, "kind");
            requireNonNull(text, "text");
            requireNonNull(secret, "secret");
        }
    }

    /** The variant families, in report order. */
    public static final List<String> FAMILIES = List.of(
            "plain", "full-width", "digit-scripts", "invisible-chars", "unicode-spaces-dashes", "regrouped",
            "line-break", "glued-prefix", "html-split", "percent-encoded", "obfuscated-email", "near-miss",
            "dob-forms", "ip-forms", "bank-account");

    static final List<String> TYPES = List.of("CARD_NUMBER", "IBAN", "ES_DNI", "ES_NIE", "US_SSN", "PHONE", "EMAIL");

    private static final String[] INVISIBLE = {"\u200b", "\u00ad", "\u2060", "\u200d", "\ufeff", "\u200c"};
    private static final String[] SPACES = {"\u00a0", "\u2009", "\u2007", "\u202f", "\u3000", "\u2002"};
    private static final String[] DASHES = {"\u2013", "\u2014", "\u2010", "\u2011", "\u2212", "\ufe63"};
    private static final int[] DIGIT_ZEROS = {0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0xFF10, 0x1D7CE};
    private static final String[] SEPARATORS = {" ", "-", ".", "/", "  ", " - ", ". "};
    private static final String[] INLINE = {"b", "span", "strong", "i", "font"};
    private static final String[] FIRST = {"ana", "pedro", "lucia", "john", "mary", "tom", "sara", "luis"};
    private static final String[] LAST = {"ruiz", "smith", "garcia", "lee", "martin", "lopez", "brown"};
    private static final String[] DOMAINS = {"gmail", "correo", "acme", "outlook", "yahoo", "example"};
    private static final String[] TLDS = {"com", "es", "net", "org", "co.uk"};
    private static final String[] MONTHS_EN = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] MONTHS_ES = {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
        "agosto", "septiembre", "octubre", "noviembre", "diciembre"};

    private final Random random;

    public Variants(long seed) {
        this.random = new Random(seed);
    }

    /** {@code perCell} cases of every applicable (family, type) pair, and as many decoys per family. */
    public List<Case> generate(int perCell) {
        List<Case> cases = new ArrayList<>();
        for (String family : FAMILIES) {
            for (String type : TYPES) {
                if (!applies(family, type)) {
                    continue;
                }
                for (int k = 0; k < perCell; k++) {
                    cases.add(valueCase(family, type));
                }
            }
            if (family.equals("dob-forms") || family.equals("ip-forms") || family.equals("bank-account")) {
                for (int k = 0; k < perCell; k++) {
                    cases.add(special(family));
                }
            }
            if (!family.equals("near-miss") && !family.equals("obfuscated-email")) {
                for (int k = 0; k < perCell; k++) {
                    cases.add(decoy(family));
                }
            }
        }
        return cases;
    }

    /** One case of {@code family}: a value of a type the family applies to, chosen at random. */
    public Case one(String family) {
        if (family.equals("dob-forms") || family.equals("ip-forms") || family.equals("bank-account")) {
            return special(family);
        }
        List<String> types = new ArrayList<>();
        for (String type : TYPES) {
            if (applies(family, type)) {
                types.add(type);
            }
        }
        return valueCase(family, types.get(random.nextInt(types.size())));
    }

    private static boolean applies(String family, String type) {
        switch (family) {
            case "dob-forms":
            case "ip-forms":
            case "bank-account":
                return false;
            case "obfuscated-email":
                return type.equals("EMAIL");
            case "near-miss":
                return type.equals("CARD_NUMBER") || type.equals("IBAN") || type.equals("ES_DNI") || type.equals("ES_NIE");
            case "digit-scripts":
            case "regrouped":
            case "line-break":
            case "glued-prefix":
                return !type.equals("EMAIL");
            default:
                return true;
        }
    }

    // ---- values ----

    private String canonical(String type) {
        switch (type) {
            case "CARD_NUMBER":
                return card();
            case "IBAN":
                return iban();
            case "ES_DNI":
                return dni();
            case "ES_NIE":
                return nie();
            case "US_SSN":
                return ssn();
            case "PHONE":
                return phone();
            default:
                return email();
        }
    }

    private String card() {
        int issuer = random.nextInt(3);
        String prefix = issuer == 0 ? "4" : issuer == 1 ? "5" + (1 + random.nextInt(5)) : random.nextBoolean() ? "34" : "37";
        int length = issuer == 2 ? 15 : 16;
        String body = prefix + digits(length - 1 - prefix.length());
        String number = body + luhnDigit(body);
        return issuer == 2 ? group(number, 4, 6, 5) : group(number, 4, 4, 4, 4);
    }

    private String iban() {
        String bban = ccc();
        int check = 98 - mod97(bban + "142800");
        String number = "ES" + (check < 10 ? "0" : "") + check + bban;
        return group(number, 4, 4, 4, 4, 4, 4);
    }

    private String ccc() {
        String bank = digits(8);
        String account = digits(10);
        return bank + cccDigit("00" + bank) + cccDigit(account) + account;
    }

    private String dni() {
        int number = 10_000_000 + random.nextInt(89_999_999);
        return number + String.valueOf("TRWAGMYFPDXBNJZSQVHLCKE".charAt(number % 23));
    }

    private String nie() {
        int prefix = random.nextInt(3);
        int number = random.nextInt(10_000_000);
        return "XYZ".charAt(prefix) + String.format("%07d", number)
                + "TRWAGMYFPDXBNJZSQVHLCKE".charAt((prefix * 10_000_000 + number) % 23);
    }

    private String ssn() {
        int area = 1 + random.nextInt(899);
        if (area == 666) {
            area = 667;
        }
        return String.format("%03d-%02d-%04d", area, 1 + random.nextInt(99), 1 + random.nextInt(9999));
    }

    private String phone() {
        if (random.nextBoolean()) {
            return "+34 6" + digits(2) + " " + digits(3) + " " + digits(3);
        }
        String[] areas = {"415", "212", "617", "303", "512"};
        return "(" + areas[random.nextInt(areas.length)] + ") " + (2 + random.nextInt(8)) + digits(2) + "-" + digits(4);
    }

    private String email() {
        return pick(FIRST) + "." + pick(LAST) + digits(2) + "@" + pick(DOMAINS) + "." + pick(TLDS);
    }

    private static final String[][] CONTEXT = {
        {"CARD_NUMBER", "my card number is ", "mi tarjeta es la ", "card: "},
        {"IBAN", "my IBAN is ", "mi cuenta IBAN: ", "transfer to "},
        {"ES_DNI", "my DNI is ", "DNI: ", "con DNI "},
        {"ES_NIE", "my NIE is ", "NIE: ", "con NIE "},
        {"US_SSN", "my SSN is ", "SSN: ", "social security number "},
        {"PHONE", "call me on ", "mi teléfono es ", "phone: "},
        {"EMAIL", "write to ", "mi correo es ", "email: "},
    };
    private static final String[] GLUED = {"CC#", "nº", "No.", "Nº", "n°", "#:"};
    private static final String[] AFTER = {", thanks.", ". Gracias", " and please hurry", "\nRegards"};

    private String contextFor(String type) {
        for (String[] row : CONTEXT) {
            if (row[0].equals(type)) {
                return row[1 + random.nextInt(row.length - 1)];
            }
        }
        throw new IllegalArgumentException(type);
    }

    private Case valueCase(String family, String type) {
        String value = canonical(type);
        List<Piece> pieces = pieces(value);
        String before = contextFor(type);
        switch (family) {
            case "full-width":
                pieces = map(pieces, c -> c > ' ' && c < 0x7f ? String.valueOf((char) (c + 0xFEE0)) : " ".equals(String.valueOf(c)) ? "\u3000" : String.valueOf(c));
                break;
            case "digit-scripts": {
                int zero = DIGIT_ZEROS[random.nextInt(DIGIT_ZEROS.length)];
                pieces = map(pieces, c -> c >= '0' && c <= '9' ? new String(Character.toChars(zero + c - '0')) : String.valueOf(c));
                break;
            }
            case "invisible-chars":
                pieces = insertBetweenSecrets(pieces, 3, () -> pick(INVISIBLE));
                break;
            case "unicode-spaces-dashes":
                pieces = mapSeparators(pieces, sep -> sep == ' ' ? pick(SPACES) : sep == '-' ? pick(DASHES) : String.valueOf(sep));
                break;
            case "regrouped":
                pieces = regroup(value, type);
                break;
            case "line-break":
                pieces = lineBreak(pieces);
                break;
            case "glued-prefix":
                before = before.replaceAll("[\\s:]+$", "") + " " + pick(GLUED);
                break;
            case "html-split":
                pieces = html(pieces);
                break;
            case "percent-encoded":
                before = "see https://pay.example.com/form?ref=7&" + (type.equals("EMAIL") ? "mail" : "v") + "%3D";
                pieces = mapSeparators(pieces, sep -> sep == ' ' ? "%20" : sep == '@' ? "%40" : sep == '(' ? "%28" : sep == ')' ? "%29" : sep == '+' ? "%2B" : String.valueOf(sep));
                break;
            case "obfuscated-email":
                pieces = obfuscate(value);
                break;
            case "near-miss":
                pieces = pieces(nearMiss(type, value));
                break;
            default:
                break;
        }
        return build(family, type, Kind.VALUE, before, pieces, pick(AFTER));
    }

    private String nearMiss(String type, String value) {
        switch (type) {
            case "CARD_NUMBER": {
                // a wrong last digit (Luhn fails) or a dropped digit
                if (random.nextBoolean()) {
                    char last = value.charAt(value.length() - 1);
                    return value.substring(0, value.length() - 1) + (char) ('0' + (last - '0' + 1 + random.nextInt(8)) % 10);
                }
                int drop = 1 + random.nextInt(value.length() - 2);
                while (!Character.isDigit(value.charAt(drop))) {
                    drop++;
                }
                return value.substring(0, drop) + value.substring(drop + 1);
            }
            case "IBAN": {
                char check = value.charAt(3);
                return value.substring(0, 3) + (char) ('0' + (check - '0' + 1 + random.nextInt(8)) % 10) + value.substring(4);
            }
            default: {
                // a DNI or NIE with a wrong check letter
                char letter = value.charAt(8);
                String letters = "TRWAGMYFPDXBNJZSQVHLCKE";
                return value.substring(0, 8) + letters.charAt((letters.indexOf(letter) + 1 + random.nextInt(21)) % 23);
            }
        }
    }

    private Case special(String family) {
        switch (family) {
            case "dob-forms": {
                int year = 1940 + random.nextInt(66);
                int month = 1 + random.nextInt(12);
                int day = 1 + random.nextInt(28);
                String[] forms = {
                    String.format("%04d%02d%02d", year, month, day),
                    String.format("%02d/%02d/%04d", day, month, year),
                    day + " de " + MONTHS_ES[month - 1] + " de " + year,
                    MONTHS_EN[month - 1] + " " + day + ", " + year,
                    day + " " + MONTHS_EN[month - 1] + " " + year,
                };
                String date = pick(forms);
                String[][] frames = {
                    {"I was born on ", ". Thanks"}, {"nací el ", " en Sevilla."}, {"", " is my date of birth."},
                    {"DOB: ", ""}, {"fecha de nacimiento ", "."}, {"My birthday, as on my passport, is ", "."},
                    {"", " (fecha de nacimiento)"},
                };
                String[] frame = frames[random.nextInt(frames.length)];
                return build(family, "DATE_OF_BIRTH", Kind.VALUE, frame[0], pieces(date), frame[1]);
            }
            case "ip-forms": {
                String ip = (11 + random.nextInt(180)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                        + (1 + random.nextInt(254));
                String[][] frames = {
                    {"connecting from ", ":" + (1024 + random.nextInt(60000)) + " fails"}, {"open http://", "/admin now"},
                    {"I updated the app. ", " is my address"}, {"my IP is ", "."}, {"server ", ":443 is down"},
                };
                String[] frame = frames[random.nextInt(frames.length)];
                return build(family, "IP_ADDRESS", Kind.VALUE, frame[0], pieces(ip), frame[1]);
            }
            default: {
                if (random.nextBoolean()) {
                    String ccc = ccc();
                    String value = random.nextBoolean() ? group(ccc, 4, 4, 2, 10) : ccc;
                    return build(family, "BANK_ACCOUNT", Kind.VALUE, random.nextBoolean() ? "mi cuenta es la " : "nº de cuenta: ",
                            pieces(value), ".");
                }
                String sort = digits(2) + "-" + digits(2) + "-" + digits(2);
                List<Piece> pieces = pieces(sort);
                pieces.add(new Piece(", account ", false, ' '));
                pieces.addAll(pieces(digits(8)));
                return build(family, "BANK_ACCOUNT", Kind.VALUE, "bank details: sort code ", pieces, ".");
            }
        }
    }

    private Case decoy(String family) {
        String[] decoys = {
            "#" + digits(6), "ORD-" + (2020 + random.nextInt(6)) + "-" + digits(6), "1Z" + digits(3) + "AA" + digits(10),
            uuid(), "$" + (1 + random.nextInt(9)) + "," + digits(3) + "." + digits(2), "v" + random.nextInt(10) + "." + random.nextInt(20) + "." + random.nextInt(10),
            (2020 + random.nextInt(6)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(9) + "T1" + random.nextInt(9) + ":" + (10 + random.nextInt(50)) + ":00Z",
            "17" + digits(11), "order " + digits(10), "tracking " + digits(12),
        };
        String value = pick(decoys);
        List<Piece> pieces = pieces(value);
        switch (family) {
            case "full-width":
                pieces = map(pieces, c -> c > ' ' && c < 0x7f ? String.valueOf((char) (c + 0xFEE0)) : String.valueOf(c));
                break;
            case "invisible-chars":
                pieces = insertBetweenSecrets(pieces, 3, () -> pick(INVISIBLE));
                break;
            case "unicode-spaces-dashes":
                pieces = mapSeparators(pieces, sep -> sep == '-' ? pick(DASHES) : String.valueOf(sep));
                break;
            case "html-split":
                pieces = html(pieces);
                break;
            case "regrouped":
                // the digits of a reference regrouped as a value's would be: still not personal data
                pieces = regroupDigitRuns(value);
                break;
            case "line-break":
                pieces = lineBreak(pieces);
                break;
            default:
                break;
        }
        return build(family, "DECOY", Kind.DECOY, "your reference is ", pieces, ", see you soon.");
    }

    // ---- pieces ----

    /** A piece of rendered text; secret pieces must end up inside a detected span. */
    private record Piece(String text, boolean secret, char source) {}

    private static List<Piece> pieces(String value) {
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            pieces.add(new Piece(String.valueOf(c), Character.isLetterOrDigit(c), c));
        }
        return pieces;
    }

    private interface CharMap {
        String apply(char c);
    }

    private static List<Piece> map(List<Piece> pieces, CharMap map) {
        List<Piece> out = new ArrayList<>();
        for (Piece p : pieces) {
            out.add(new Piece(map.apply(p.source()), p.secret(), p.source()));
        }
        return out;
    }

    private static List<Piece> mapSeparators(List<Piece> pieces, CharMap map) {
        List<Piece> out = new ArrayList<>();
        for (Piece p : pieces) {
            out.add(p.secret() ? p : new Piece(map.apply(p.source()), false, p.source()));
        }
        return out;
    }

    private List<Piece> insertBetweenSecrets(List<Piece> pieces, int count, java.util.function.Supplier<String> filler) {
        List<Piece> out = new ArrayList<>(pieces);
        for (int k = 0; k < count; k++) {
            int at = 1 + random.nextInt(out.size() - 1);
            out.add(at, new Piece(filler.get(), false, ' '));
        }
        return out;
    }

    private List<Piece> regroup(String value, String type) {
        StringBuilder compact = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                compact.append(c);
            }
        }
        if (type.equals("PHONE") && value.startsWith("+")) {
            compact.insert(0, '+');
        }
        String sep = pick(SEPARATORS);
        StringBuilder out = new StringBuilder();
        int i = 0;
        // keep a letter prefix (IBAN country) or a + in its first group
        while (i < compact.length()) {
            int size = 2 + random.nextInt(4);
            if (i > 0) {
                out.append(random.nextInt(3) == 0 ? pick(SEPARATORS) : sep);
            }
            out.append(compact, i, Math.min(compact.length(), i + size));
            i += size;
        }
        return pieces(out.toString());
    }

    /** Every run of five or more digits of {@code value} regrouped in random groups of 2 to 5 with random separators. */
    private List<Piece> regroupDigitRuns(String value) {
        List<Piece> out = new ArrayList<>();
        int i = 0;
        while (i < value.length()) {
            int j = i;
            while (j < value.length() && Character.isDigit(value.charAt(j))) {
                j++;
            }
            if (j - i >= 5) {
                out.addAll(regroup(value.substring(i, j), "DECOY"));
                i = j;
            } else {
                out.addAll(pieces(value.substring(i, Math.max(j, i + 1))));
                i = Math.max(j, i + 1);
            }
        }
        return out;
    }

    private List<Piece> lineBreak(List<Piece> pieces) {
        List<Integer> separators = new ArrayList<>();
        for (int k = 1; k < pieces.size() - 1; k++) {
            if (!pieces.get(k).secret() && pieces.get(k).source() == ' ') {
                separators.add(k);
            }
        }
        List<Piece> out = new ArrayList<>(pieces);
        if (separators.isEmpty()) {
            out.add(pieces.size() / 2, new Piece("\n", false, '\n'));
        } else {
            int at = separators.get(random.nextInt(separators.size()));
            out.set(at, new Piece(random.nextBoolean() ? "\n" : "\r\n", false, '\n'));
        }
        return out;
    }

    private List<Piece> html(List<Piece> pieces) {
        List<Piece> out = new ArrayList<>();
        String tag = pick(INLINE);
        int split = Math.max(1, pieces.size() / 3 + random.nextInt(Math.max(1, pieces.size() / 3)));
        out.add(new Piece("<" + tag + ">", false, ' '));
        for (int k = 0; k < pieces.size(); k++) {
            if (k == split) {
                out.add(new Piece("</" + tag + ">", false, ' '));
            }
            Piece p = pieces.get(k);
            if (!p.secret() && p.source() == ' ') {
                out.add(new Piece("&nbsp;", false, ' '));
            } else if (p.source() == '@') {
                out.add(new Piece("&#64;", false, '@'));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private List<Piece> obfuscate(String email) {
        int at = email.indexOf('@');
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        String[][] styles = {
            {" at ", " dot "}, {" [at] ", "."}, {" (at) ", " (dot) "}, {" @ ", " . "}, {" arroba ", " punto "},
            {"\uff20", "."}, {"@\n", "."}, {" AT ", " DOT "}, {"[at]", "[dot]"},
        };
        String[] style = styles[random.nextInt(styles.length)];
        List<Piece> out = new ArrayList<>(pieces(local));
        out.add(new Piece(style[0], false, '@'));
        String[] labels = domain.split("\\.");
        for (int k = 0; k < labels.length; k++) {
            if (k > 0) {
                out.add(new Piece(style[1], false, '.'));
            }
            out.addAll(pieces(labels[k]));
        }
        return out;
    }

    private Case build(String family, String type, Kind kind, String before, List<Piece> pieces, String after) {
        StringBuilder text = new StringBuilder(before);
        List<int[]> secrets = new ArrayList<>();
        for (Piece p : pieces) {
            if (p.secret()) {
                secrets.add(new int[] {text.length(), text.length() + p.text().length()});
            }
            text.append(p.text());
        }
        text.append(after);
        boolean[] secret = new boolean[text.length()];
        for (int[] range : secrets) {
            for (int i = range[0]; i < range[1]; i++) {
                secret[i] = true;
            }
        }
        return new Case(family, type, kind, text.toString(), secret);
    }

    // ---- digits ----

    private String digits(int count) {
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private String uuid() {
        String hex = "0123456789abcdef";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                sb.append('-');
            }
            sb.append(hex.charAt(random.nextInt(16)));
        }
        return sb.toString();
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String group(String compact, int... sizes) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (int size : sizes) {
            if (i >= compact.length()) {
                break;
            }
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(compact, i, Math.min(compact.length(), i + size));
            i += size;
        }
        return sb.toString();
    }

    static char luhnDigit(String body) {
        int sum = 0;
        boolean twice = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    static int mod97(String digits) {
        int r = 0;
        for (char c : digits.toCharArray()) {
            r = (r * 10 + (c - '0')) % 97;
        }
        return r;
    }

    private static char cccDigit(String ten) {
        int[] weights = {1, 2, 4, 8, 5, 10, 9, 7, 3, 6};
        int sum = 0;
        for (int k = 0; k < 10; k++) {
            sum += (ten.charAt(k) - '0') * weights[k];
        }
        int d = 11 - sum % 11;
        return (char) ('0' + (d == 11 ? 0 : d == 10 ? 1 : d));
    }
}
