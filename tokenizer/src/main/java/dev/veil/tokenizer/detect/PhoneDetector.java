package dev.veil.tokenizer.detect;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds phone numbers. A cheap scanner picks digit runs that could be phone numbers; libphonenumber
 * then checks each one against the numbering plans of the US, the UK and Spain (and any country
 * for {@code +} or {@code 00} numbers). Numbers it cannot validate are reported only right after a
 * phone word ("Phone:", "móvil", "call me on") or right before a label ("office", "fax").
 */
public final class PhoneDetector implements IndexedDetector {

    static final ContextWords CONTEXT = ContextWords.of(
            "phone", "phone number", "telephone", "tel", "tel.", "tlf", "tlf.", "tfno", "tfno.", "telf", "telf.",
            "teléfono", "telefono", "móvil", "movil", "mobile", "mob", "cell", "cellphone", "fax", "desk", "office",
            "call", "call me", "calls", "called", "ring", "dial", "reach", "reach me", "text", "text me", "sms",
            "whatsapp", "message", "messages", "answering", "contact", "contacto", "llamar", "llámame", "llamame", "llame",
            "llamada", "fijo");
    /** Labels that follow a number in signatures and address blocks: {@code 555 0100 office}. */
    static final ContextWords LABEL_AFTER = ContextWords.of(
            "office", "fax", "mobile", "cell", "home", "work", "phone", "tel", "móvil", "movil", "fijo", "oficina");
    /** Words that name the number after them as a reference, not a phone, when no phone word says otherwise. */
    static final ContextWords REFERENCE = ContextWords.of(
            "order", "order no", "order number", "order #", "tracking", "tracking number", "tracking no", "ref", "ref.",
            "reference", "invoice", "ticket", "case", "booking", "confirmation", "transaction", "pedido", "nº de pedido",
            "número de pedido", "numero de pedido", "referencia", "factura", "seguimiento", "localizador", "reserva",
            "expediente", "albarán", "albaran");
    private static final int REFERENCE_WINDOW = 12;
    private static final int CONTEXT_WINDOW = 32;
    private static final int LABEL_WINDOW = 3;
    private static final int ADJACENT = 10;
    private static final int MIN_DIGITS = 7;
    private static final int MAX_DIGITS = 15;
    private static final int MAX_SEGMENT_DIGITS = 40;
    private static final double FORMATTED = Confidence.SPECIFIC_PATTERN;
    private static final double UNVALIDATED = Confidence.PATTERN;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    /** libphonenumber's validity and parsing answered from its metadata, shared: plans hold no numbers. */
    private static final PhonePlans PLANS = new PhonePlans(PhoneNumberUtil.getInstance());
    /** libphonenumber's formatting for the layout test, from its metadata, shared: formats hold no numbers. */
    private static final PhoneFormats FORMATS = new PhoneFormats(PhoneNumberUtil.getInstance());

    @Override
    public PiiType type() {
        return PiiType.PHONE;
    }

    @Override
    public void detect(String string, TextIndex index, List<Span> out) {
        if (index.numberCount() == 0) {
            return; // the loop below visits only number starts: none, and no scan for digits needed
        }
        char[] text = index.chars(); // read without String.charAt's check per character
        if (!Chars.hasDigits(text, MIN_DIGITS)) {
            return;
        }
        int[] starts = index.numberStarts();
        int count = index.numberCount();
        DigitGroups run = new DigitGroups(MAX_SEGMENT_DIGITS);
        char[] compact = new char[MAX_DIGITS];
        int i = 0;
        for (int k = 0; k < count; k++) {
            if (starts[k] < i) {
                continue;
            }
            i = starts[k];
            int end = segmentEnd(text, i);
            int digits = end - i < MIN_DIGITS ? 0 : Chars.countDigits(text, i, end);
            int found = -1;
            int before = out.size();
            if (digits >= MIN_DIGITS && digits <= MAX_SEGMENT_DIGITS) {
                int full = withExtension(text, end);
                if (endsNumber(text, full)) {
                    check(text, i, full, digits, out);
                    found = out.size() > before ? out.get(out.size() - 1).end() : -1;
                }
            }
            // only a run that goes on past the layout scan's end can hold more than check() saw
            int loose = continues(text, end) ? regrouped(text, i, found, before, run, compact, out) : -1;
            // a digit ends what was read, so no number starts in a word glued to it: the index skips it
            i = Math.max(Math.max(end, loose), i + 1);
        }
    }

    /**
     * Validates the digits, not the layout: after a phone word, the digits of a run in any grouping
     * a person types (spaces, {@code - . /}, parentheses, doubled or mixed, at most one line break;
     * never a comma, colon or semicolon) that libphonenumber accepts as a number of the US, the UK
     * or Spain (any country after {@code +} or {@code 00}), when they reach past what the layout
     * scan at {@code start} found (spans from index {@code foundFrom} of {@code out}, the last ending at
     * {@code found}, or -1). The whole run must be the number, or the part before a line break.
     * Replaces those shorter spans; returns the end, or -1.
     */
    private int regrouped(char[] text, int start, int found, int foundFrom, DigitGroups run, char[] compact,
            List<Span> out) {
        int n = text.length;
        int first = start;
        char opener = text[start];
        if (opener == '+' || opener == '(') {
            first++;
        }
        if (first >= n || !Chars.isDigit(text[first])) {
            return -1;
        }
        int end = run.read(text, first, MAX_SEGMENT_DIGITS, true);
        if (end <= found || run.digits() < MIN_DIGITS || run.count() < 2 || !run.complete()) {
            return -1;
        }
        int last = run.count() - 1;
        if (!Chars.numberEndsAt(text, end)) {
            // only the part before a line break may stand apart from what follows it
            last = -1;
        }
        boolean context = false;
        boolean contextKnown = false;
        for (int g = run.count() - 1; g >= 1; g--) {
            boolean whole = g == last;
            if (!whole && (g + 1 >= run.count() || !DigitGroups.hasLineBreak(text, run.end(g), run.start(g + 1)))) {
                continue;
            }
            int digits = run.digits(0, g);
            if (digits < MIN_DIGITS || digits > MAX_DIGITS || run.end(g) <= found) {
                continue;
            }
            if (!contextKnown) {
                context = hasContext(text, start, end);
                contextKnown = true;
                if (!context) {
                    return -1; // without a phone word the layout decides, as check() did
                }
            }
            int length = run.copyDigits(text, 0, g, compact);
            if (validDigits(compact, length, opener == '+')) {
                out.subList(foundFrom, out.size()).clear();
                out.add(new Span(PiiType.PHONE, start, run.end(g), Confidence.boosted(UNVALIDATED, true)));
                return run.end(g);
            }
        }
        return -1;
    }

    /** True if a separator a person types between groups, then a digit, follows {@code end}. */
    private static boolean continues(char[] text, int end) {
        int n = text.length;
        int p = end < n && text[end] == ')' ? end + 1 : end;
        p = Chars.groupSeparatorEnd(text, p);
        if (p < n && text[p] == '(') {
            p++;
        }
        return p > end && p < n && Chars.isDigit(text[p]);
    }

    /** True if libphonenumber accepts the digits as dialled: after {@code +} or {@code 00} in any country, else in the US, the UK or Spain. */
    private boolean validDigits(char[] compact, int length, boolean plus) {
        String digits = new String(compact, 0, length);
        if (plus || digits.startsWith("00")) {
            PhoneNumber number = parse("+" + (plus ? digits : digits.substring(2)), "GB");
            return number != null && PLANS.isValidNumber(number);
        }
        int regions = regionsFor(compact, 0, length, length);
        for (int k = 0; k < NATIONAL_REGIONS.length; k++) {
            if ((regions & (1 << k)) != 0 && isValid(national(compact, 0, length, k), NATIONAL_REGIONS[k])) {
                return true;
            }
        }
        return false;
    }

    /** The end of the run of digits and single separators ({@code space - . ( )}) that starts at {@code start}. */
    static int segmentEnd(char[] text, int start) {
        int n = text.length;
        int pos = start + 1;
        int lastDigitEnd = Chars.isDigit(text[start]) ? pos : start;
        int open = text[start] == '(' ? 1 : 0;
        while (pos < n) {
            char c = text[pos];
            if (Chars.isDigit(c)) {
                pos++;
                lastDigitEnd = pos;
                continue;
            }
            int seps = 0;
            int q = pos;
            while (q < n && seps < 3 && isSeparator(text[q])) {
                char s = text[q];
                if (s == '(') {
                    open++;
                } else if (s == ')') {
                    open--;
                }
                seps++;
                q++;
            }
            if (seps == 0 || q >= n || !Chars.isDigit(text[q]) || open < 0 || open > 1 || twoPlain(text, pos, q)) {
                break;
            }
            pos = q;
        }
        // separators after the last digit (a closing parenthesis, a full stop) are not part of it
        return lastDigitEnd;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\u00a0';
    }

    /** Two separators in a row are allowed only around a parenthesis, such as {@code ") "} or {@code " ("}. */
    private static boolean twoPlain(char[] text, int from, int to) {
        if (to - from < 2) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (text[i] == '(' || text[i] == ')') {
                return false;
            }
        }
        return true;
    }

    /** Extends the end over an extension such as {@code x123}, {@code ext. 45} or {@code ext 6}. */
    private static int withExtension(char[] text, int end) {
        int n = text.length;
        int pos = end;
        if (pos < n && text[pos] == ' ') {
            pos++;
        }
        if (pos < n && (text[pos] == 'x' || text[pos] == 'X')) {
            pos++;
        } else if (Chars.regionMatchesIgnoreCase(text, pos, "ext", 0, 3)) {
            pos += 3;
            if (pos < n && (text[pos] == '.' || text[pos] == ':')) {
                pos++;
            }
        } else {
            return end;
        }
        if (pos < n && text[pos] == ' ') {
            pos++;
        }
        int digitsStart = pos;
        while (pos < n && pos - digitsStart < 7 && Chars.isDigit(text[pos])) {
            pos++;
        }
        int length = pos - digitsStart;
        return length >= 1 && length <= 6 && Chars.numberEndsAt(text, pos) ? pos : end;
    }

    private void check(char[] text, int start, int end, int digits, List<Span> out) {
        // the candidate is read in place: a String of it is made only for the library and the layout
        // test, which few candidates reach (most are turned down or validated from their digits)
        if (!balanced(text, start, end)) {
            return;
        }
        // digits counts those before any extension, whose letters make the number formatted anyway
        boolean formatted = end - start != digits;
        int regions = digits > MAX_DIGITS ? 0 : regionsFor(text, start, end, digits);
        if (formatted && digits <= MAX_DIGITS && regions == 0
                && (looksLikeDate(text, start, end) || !phoneShaped(text, start, end))) {
            // no plan can take it and no phone is laid out so: nothing to report, whatever the context
            // (the phone words are the costliest test here, so they are read only when they matter)
            return;
        }
        // the phone words are the costliest test left, so they are read only where they decide:
        // before an unformatted number, a reference word or a longer run, and for a valid number
        int context = UNKNOWN;
        if (!formatted) {
            context = contextOf(context, text, start, end);
            if (context == NO) {
                return; // an unformatted number with no phone word nearby is too often an order or account id
            }
        }
        if (context != YES && (REFERENCE.before(text, start, REFERENCE_WINDOW) || Chars.followsGroup(text, start))) {
            // "order 231-664-1582": what the text calls a reference is one, whatever its layout; and
            // the tail of a longer digit run ("34  234.678.2700") is part of that run, not a number
            context = contextOf(context, text, start, end);
            if (context == NO) {
                return;
            }
        }
        if (digits > MAX_DIGITS) {
            context = contextOf(context, text, start, end);
            if (context == NO) {
                return; // long runs without a phone word are card, account or reference numbers
            }
            // several numbers in one run ("call 202 456 1111 202 456 1112"): let libphonenumber split them
            double confidence = Confidence.boosted(formatted ? FORMATTED : UNVALIDATED, true);
            List<Span> found = new ArrayList<>(2);
            String segment = new String(text, start, end - start);
            for (String region : NATIONAL_REGIONS) {
                for (PhoneNumberMatch match : util.findNumbers(segment, region, Leniency.VALID, Long.MAX_VALUE)) {
                    addDeduplicated(found, new Span(PiiType.PHONE, start + match.start(), start + match.end(), confidence));
                }
            }
            out.addAll(found);
            return;
        }
        // the national regions in their order, then the bit of a number written with its country code
        for (int k = 0; k <= INTERNATIONAL; k++) {
            if ((regions & (1 << k)) == 0) {
                continue;
            }
            boolean international = k == INTERNATIONAL;
            String region = international ? WITH_COUNTRY_CODE : NATIONAL_REGIONS[k];
            PhoneNumber number = international ? parse(new String(text, start, end - start), "GB") : national(text, start, end, k);
            if (number == null || !isValid(number, region)) {
                continue;
            }
            // without a phone word, the digits must also be grouped the way that country writes them
            context = contextOf(context, text, start, end);
            if (context == YES || groupedAsWritten(new String(text, start, end - start), number)) {
                out.add(new Span(PiiType.PHONE, start, end,
                        Confidence.boosted(formatted ? FORMATTED : UNVALIDATED, context == YES)));
                return;
            }
        }
        // a number no plan knows: only a formatted one, or a bare one right after the phone word
        if (!looksLikeDate(text, start, end) && phoneShaped(text, start, end) && contextOf(context, text, start, end) == YES
                && (formatted || CONTEXT.before(text, start, ADJACENT))) {
            out.add(new Span(PiiType.PHONE, start, end, Confidence.boosted(UNVALIDATED, true)));
        }
    }

    /** Whether a phone word is near the number: not yet read, or read and found or not. */
    private static final int UNKNOWN = 0;
    private static final int YES = 1;
    private static final int NO = 2;

    /** {@code context} if known, else whether a phone word is near the number at {@code [start, end)}. */
    private static int contextOf(int context, char[] text, int start, int end) {
        if (context != UNKNOWN) {
            return context;
        }
        return hasContext(text, start, end) ? YES : NO;
    }

    /**
     * The number as dialled in the region of {@link #NATIONAL_REGIONS} entry {@code region} (US, GB or
     * ES), built from the digits of {@code text[from, to)} without libphonenumber's text parser, which
     * costs several times the validation itself. The callers pass 7 to 15 digits before any
     * extension; they are read in place, with no copy.
     */
    static PhoneNumber national(char[] text, int from, int to, int region) {
        // the digits up to the extension, counted first: how many to skip depends on their number
        int count = 0;
        int first = -1;
        int end = to;
        for (int i = from; i < end; i++) {
            char c = text[i];
            if (Chars.isDigit(c)) {
                first = first < 0 ? i : first;
                count++;
            } else if (Chars.isAsciiLetter(c)) {
                end = i; // the extension
            }
        }
        int countryCode;
        int skip;
        switch (region) {
            case US:
                countryCode = 1;
                skip = count == 11 ? 1 : 0;
                break;
            case GB:
                countryCode = 44;
                skip = text[first] == '0' ? 1 : 0;
                break;
            default:
                countryCode = 34;
                skip = count == 11 ? 2 : 0;
                break;
        }
        long national = 0;
        int seen = 0;
        for (int i = first; i < end; i++) {
            char c = text[i];
            if (Chars.isDigit(c) && seen++ >= skip) {
                national = national * 10 + (c - '0');
            }
        }
        return new PhoneNumber().setCountryCode(countryCode).setNationalNumber(national);
    }

    /**
     * The same answer as {@code isValidNumber}, asking the region's own plan first: for +1, +44 and
     * +34 the US, GB and ES plans are the first libphonenumber tries and have no leading-digit
     * filter, so a number valid there is valid, and the usual case costs one plan check, not two.
     */
    private boolean isValid(PhoneNumber number, String region) {
        return (!region.equals(WITH_COUNTRY_CODE) && PLANS.isValidNumberForRegion(number, region)) || PLANS.isValidNumber(number);
    }

    private static PhoneNumber parse(String segment, String region) {
        return PLANS.parse(segment, region);
    }

    /**
     * True if the digit groups of {@code segment} are those of the number's national or
     * international format, or keep its first group and split the rest into groups of 2 to 4
     * digits ({@code 699 956 915} for {@code 699 95 69 15}); {@code 94941 2505} is not a phone layout.
     */
    private boolean groupedAsWritten(String segment, PhoneNumber number) {
        List<String> written = groups(segment);
        String countryCode = Integer.toString(number.getCountryCode());
        if (!written.isEmpty() && ((segment.charAt(0) == '+' && written.get(0).equals(countryCode))
                || written.get(0).equals("00" + countryCode))) {
            written = written.subList(1, written.size());
        }
        if (written.size() > 1 && written.get(0).equals("0") && segment.contains("(0)")) {
            written = written.subList(1, written.size());
        }
        if (written.size() <= 1) {
            return true;
        }
        List<String> national = groups(FORMATS.format(number, PhoneNumberFormat.NATIONAL));
        if (written.equals(national)) {
            return true;
        }
        // the area code may be split off on its own: "91 123 45 67" for "911 23 45 67"
        String first = written.get(0);
        if (!national.get(0).startsWith(first) || first.length() < 2) {
            List<String> international = groups(FORMATS.format(number, PhoneNumberFormat.INTERNATIONAL));
            international = international.subList(1, international.size());
            if (written.equals(international)) {
                return true;
            }
            if (international.isEmpty() || !international.get(0).startsWith(first) || first.length() < 2) {
                return false;
            }
        }
        for (int k = 1; k < written.size(); k++) {
            int length = written.get(k).length();
            if (length < 2 || length > 4) {
                return false;
            }
        }
        return true;
    }

    private static List<String> groups(String formatted) {
        List<String> groups = new ArrayList<>(6);
        int i = 0;
        int n = formatted.length();
        while (i < n) {
            if (Chars.isAsciiLetter(formatted.charAt(i))) {
                break; // an extension is not part of the layout
            }
            if (!Chars.isDigit(formatted.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && Chars.isDigit(formatted.charAt(i))) {
                i++;
            }
            groups.add(formatted.substring(start, i));
        }
        return groups;
    }

    /** A number ends at a word boundary, or at a dash before a label such as {@code 555 0100-Office}. */
    private static boolean endsNumber(char[] text, int end) {
        return Chars.numberEndsAt(text, end)
                || (text[end] == '-' && end + 1 < text.length && LABEL_AFTER.matchAt(text, end + 1) > 0);
    }

    private static boolean hasContext(char[] text, int start, int end) {
        return CONTEXT.before(text, start, CONTEXT_WINDOW) || labelAfter(text, end);
    }

    private static boolean labelAfter(char[] text, int end) {
        int pos = end;
        int n = text.length;
        while (pos < n && pos - end < LABEL_WINDOW && (text[pos] == ' ' || text[pos] == '-'
                || text[pos] == '(' || text[pos] == ',')) {
            pos++;
        }
        return pos < n && LABEL_AFTER.matchAt(text, pos) >= 0;
    }

    /**
     * The regions whose numbering plans could fit {@code text[from, to)}, as bits: bit {@code k} for
     * {@link #NATIONAL_REGIONS} entry {@code k}, or {@link #INTERNATIONAL}'s bit alone for a number
     * written with its country code. Checking fewer regions keeps detection fast.
     */
    private static int regionsFor(char[] text, int from, int to, int digits) {
        char first = text[from];
        if (first == '+' || (to - from >= 2 && first == '0' && text[from + 1] == '0')) {
            return 1 << INTERNATIONAL;
        }
        char firstDigit = first == '(' ? text[from + 1] : first;
        int regions = 0;
        if ((digits == 10 && nanpPlausible(text, from, to, 0))
                || (digits == 11 && firstDigit == '1' && nanpPlausible(text, from, to, 1))) {
            regions |= 1 << US;
        }
        if (firstDigit == '0' && (digits == 10 || digits == 11)) {
            regions |= 1 << GB;
        }
        if ((digits == 9 && firstDigit >= '6') || (digits == 11 && to - from >= 2 && first == '3' && text[from + 1] == '4')) {
            regions |= 1 << ES;
        }
        return regions;
    }

    /** North American numbers: area code and exchange both start with 2-9 (checked before the costlier parse). */
    private static boolean nanpPlausible(char[] text, int from, int to, int skipDigits) {
        int seen = 0;
        for (int i = from; i < to; i++) {
            char c = text[i];
            if (!Chars.isDigit(c)) {
                continue;
            }
            int index = seen++ - skipDigits;
            if ((index == 0 || index == 3) && c < '2') {
                return false;
            }
            if (index > 3) {
                return true;
            }
        }
        return false;
    }

    private static boolean balanced(char[] text, int from, int to) {
        int open = 0;
        for (int i = from; i < to; i++) {
            char c = text[i];
            open += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        return open == 0;
    }

    /**
     * For numbers no numbering plan vouches for: digit groups of at least two digits (a {@code (0)}
     * aside) and one kind of separator besides parentheses, so {@code 01956-02-2} or
     * {@code 1.93.1 (2026-02-12)} are not phone numbers.
     */
    static boolean phoneShaped(char[] text, int from, int to) {
        char separator = 0;
        int i = text[from] == '+' ? from + 1 : from;
        while (i < to) {
            int groupStart = i;
            while (i < to && Chars.isDigit(text[i])) {
                i++;
            }
            int length = i - groupStart;
            boolean trunkZero = length == 1 && text[groupStart] == '0' && groupStart > from
                    && text[groupStart - 1] == '(';
            boolean extension = groupStart > from && Chars.isAsciiLetter(text[groupStart - 1]);
            boolean countryCode = groupStart == from + 1 && text[from] == '+';
            if (length == 1 && !trunkZero && !countryCode && !extension) {
                return false;
            }
            int sepStart = i;
            while (i < to && !Chars.isDigit(text[i])) {
                i++;
            }
            boolean paren = false;
            char plain = 0;
            for (int k = sepStart; k < i; k++) {
                char c = text[k];
                if (c == '(' || c == ')') {
                    paren = true;
                } else if (!Chars.isAsciiLetter(c)) {
                    plain = c;
                }
            }
            // a space after "+34" or around a parenthesis does not count as the separator
            if (plain != 0 && !paren && !(countryCode && plain == ' ') && !Chars.isAsciiLetter(text[Math.max(i - 1, from)])) {
                if (separator != 0 && separator != plain) {
                    return false;
                }
                separator = plain;
            }
        }
        return true;
    }

    /** Dates such as {@code 2024-05-01}, {@code 01.05.2024} or {@code 1/5/24} are never phone numbers. */
    static boolean looksLikeDate(char[] text, int from, int to) {
        // the three groups' lengths in locals, with no array per candidate
        int first = 0;
        int second = 0;
        int count = 0; // separators read
        int length = 0;
        char separator = 0;
        for (int i = from; i < to; i++) {
            char c = text[i];
            if (Chars.isDigit(c)) {
                length++;
                continue;
            }
            if (separator != 0 && c != separator || count == 2) {
                return false; // two kinds of separator, or a fourth group
            }
            separator = c;
            if (count++ == 0) {
                first = length;
            } else {
                second = length;
            }
            length = 0;
        }
        if (count != 2) {
            return false;
        }
        return (first == 4 && second <= 2 && length <= 2) || (first <= 2 && second <= 2 && length == 4);
    }

    /** The regions a number without its country code is read in, in the order they are tried. */
    private static final String[] NATIONAL_REGIONS = {"US", "GB", "ES"};
    private static final int US = 0;
    private static final int GB = 1;
    private static final int ES = 2;
    /** The bit of {@link #regionsFor} for a number written with its country code, parsed by libphonenumber itself. */
    private static final int INTERNATIONAL = 3;
    /** The region {@link #isValid} is told for a number written with its country code: none of one plan. */
    private static final String WITH_COUNTRY_CODE = "+";

    private static void addDeduplicated(List<Span> found, Span span) {
        for (int k = 0; k < found.size(); k++) {
            Span other = found.get(k);
            if (other.overlaps(span)) {
                if (span.length() > other.length()) {
                    found.set(k, span);
                }
                return;
            }
        }
        found.add(span);
    }
}
