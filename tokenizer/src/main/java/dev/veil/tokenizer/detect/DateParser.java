package dev.veil.tokenizer.detect;

/**
 * Parses one calendar date at a given position, in the numeric and written forms common in English
 * and Spanish text; hand-written so it runs in constant time per position. It reads the text's
 * characters (a {@link TextIndex#chars()}), not a {@code String}: a text with one character beyond
 * Latin-1 pays a coder and bounds test per {@code String.charAt}.
 */
final class DateParser {

    private static final String[] MONTHS = {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
        "noviembre", "diciembre", "setiembre",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "ene", "abr", "ago", "set", "dic",
    };
    private static final int[] MONTH_NUMBERS = {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 9,
        1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12,
        1, 4, 8, 9, 12,
    };
    private static final int MAX_WORD = 10;
    private static final String[] JOINERS_BEFORE_MONTH = {"de ", "of "};
    private static final String[] JOINERS_BEFORE_YEAR = {"de ", "del "};
    /** The ASCII letters, either case, that a month's name opens with. */
    private static final boolean[] MONTH_INITIAL = new boolean[128];

    static {
        for (String month : MONTHS) {
            MONTH_INITIAL[month.charAt(0)] = true;
            MONTH_INITIAL[Character.toUpperCase(month.charAt(0))] = true;
        }
    }

    private DateParser() {}

    /** The end of the date starting at {@code pos}, or -1. */
    static int parse(char[] text, int pos) {
        if (!Chars.isDigit(text[pos])) {
            return monthFirst(text, pos);
        }
        int compact = compact(text, pos);
        return compact > 0 ? compact : numericOrDayFirst(text, pos);
    }

    /** {@code 19850312} or {@code 12031985}: eight digits that read as a date one way or the other. */
    private static int compact(char[] text, int pos) {
        int end = pos;
        while (end < text.length && end - pos < 9 && Chars.isDigit(text[end])) {
            end++;
        }
        if (end - pos != 8 || !Chars.numberEndsAt(text, end)) {
            return -1;
        }
        int first4 = number(text, pos, 4);
        int mm = number(text, pos + 4, 2);
        int dd = number(text, pos + 6, 2);
        if (validYear(first4) && validDay(dd, mm)) {
            return end;
        }
        int a = number(text, pos, 2);
        int b = number(text, pos + 2, 2);
        int year = number(text, pos + 4, 4);
        return validYear(year) && (validDay(a, b) || validDay(b, a)) ? end : -1;
    }

    /** {@code 1985-03-12}, {@code 12/03/1985}, {@code 12.3.85}, {@code 12 March 1985}, {@code 12 de marzo de 1985}. */
    private static int numericOrDayFirst(char[] text, int pos) {
        int n = text.length;
        int a = number(text, pos, 4);
        int aLength = digitsAt(text, pos);
        int p = pos + aLength;
        if (p >= n) {
            return -1;
        }
        char sep = text[p];
        if ((sep == '/' || sep == '-' || sep == '.') && p + 1 < n && Chars.isDigit(text[p + 1])) {
            int bLength = digitsAt(text, p + 1);
            int b = number(text, p + 1, 2);
            int q = p + 1 + bLength;
            if (bLength > 2 || q + 1 >= n || text[q] != sep || !Chars.isDigit(text[q + 1])) {
                return -1;
            }
            int cLength = digitsAt(text, q + 1);
            int c = number(text, q + 1, 4);
            int end = q + 1 + cLength;
            if (!Chars.numberEndsAt(text, end)) {
                return -1;
            }
            if (aLength == 4) {
                return cLength <= 2 && validYear(a) && validDay(c, b) ? end : -1;
            }
            if (aLength > 2 || !(cLength == 2 || (cLength == 4 && validYear(c)))) {
                return -1;
            }
            return validDay(a, b) || validDay(b, a) ? end : -1;
        }
        // day first, month written out
        if (aLength > 2 || a < 1 || a > 31) {
            return -1;
        }
        p = skipOrdinal(text, p);
        p = skipJoiner(text, p, true);
        int monthEnd = monthEnd(text, p);
        if (monthEnd < 0) {
            return -1;
        }
        int yearStart = skipJoiner(text, monthEnd, false);
        return year(text, yearStart);
    }

    /** {@code March 12, 1985}, {@code Mar. 12th 1985}, {@code marzo 12 de 1985}. */
    private static int monthFirst(char[] text, int pos) {
        int monthEnd = monthEnd(text, pos);
        if (monthEnd < 0 || monthEnd >= text.length || text[monthEnd] != ' ') {
            return -1;
        }
        int p = monthEnd + 1;
        int dLength = digitsAt(text, p);
        int day = number(text, p, 2);
        if (dLength == 0 || dLength > 2 || day < 1 || day > 31) {
            return -1;
        }
        p = skipOrdinal(text, p + dLength);
        p = skipJoiner(text, p, false);
        return year(text, p);
    }

    /** Skips {@code " "}, {@code ", "}, {@code "-"}, {@code " de "}, {@code " del "}, {@code " of "} (the last only before a month). */
    private static int skipJoiner(char[] text, int p, boolean beforeMonth) {
        int n = text.length;
        if (p < n && (text[p] == '-' || text[p] == '/')) {
            return p + 1;
        }
        if (p < n && text[p] == ',') {
            p++;
        }
        if (p < n && text[p] == ' ') {
            p++;
        } else {
            return p;
        }
        for (String word : beforeMonth ? JOINERS_BEFORE_MONTH : JOINERS_BEFORE_YEAR) {
            if (Chars.regionMatchesIgnoreCase(text, p, word, 0, word.length())) {
                return p + word.length();
            }
        }
        return p;
    }

    private static int skipOrdinal(char[] text, int p) {
        int n = text.length;
        if (p < n && (text[p] == 'º' || text[p] == 'ª')) {
            return p + 1;
        }
        if (p + 1 < n && Chars.isAsciiLetter(text[p]) && Chars.isAsciiLetter(text[p + 1])
                && Chars.wordEndsAt(text, p + 2)) {
            // two ASCII letters: lower-casing them is setting one bit
            char first = (char) (text[p] | 0x20);
            char second = (char) (text[p + 1] | 0x20);
            if ((first == 's' && second == 't') || (first == 'n' && second == 'd') || (first == 'r' && second == 'd')
                    || (first == 't' && second == 'h')) {
                return p + 2;
            }
        }
        return p;
    }

    /** The end of a month name (with an optional dot after an abbreviation) at {@code p}, or -1. */
    static int monthEnd(char[] text, int p) {
        int n = text.length;
        if (p < n && text[p] < 128 && !MONTH_INITIAL[text[p]]) {
            return -1; // most words are no month by their first letter; beyond ASCII the months' rules decide
        }
        int end = p;
        while (end < n && end - p <= MAX_WORD && Character.isLetter(text[end])) {
            end++;
        }
        int length = end - p;
        if (length < 3 || length > MAX_WORD) {
            return -1;
        }
        for (String month : MONTHS) {
            if (month.length() == length && Chars.regionMatchesIgnoreCase(text, p, month, 0, length)) {
                return end < n && text[end] == '.' && length <= 4 ? end + 1 : end;
            }
        }
        return -1;
    }

    /** The end of a four-digit year (or two digits after a dash) at {@code p}, or -1. */
    private static int year(char[] text, int p) {
        int length = digitsAt(text, p);
        int end = p + length;
        if (length == 4 && validYear(number(text, p, 4)) && Chars.numberEndsAt(text, end)) {
            return end;
        }
        return length == 2 && p > 0 && text[p - 1] == '-' && Chars.numberEndsAt(text, end) ? end : -1;
    }

    private static boolean validYear(int year) {
        return year >= 1900 && year <= 2099;
    }

    private static boolean validDay(int day, int month) {
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    private static int digitsAt(char[] text, int p) {
        int end = p;
        while (end < text.length && end - p < 5 && Chars.isDigit(text[end])) {
            end++;
        }
        return end - p;
    }

    private static int number(char[] text, int p, int max) {
        int value = 0;
        for (int i = p; i < text.length && i - p < max && Chars.isDigit(text[i]); i++) {
            value = value * 10 + (text[i] - '0');
        }
        return value;
    }
}
