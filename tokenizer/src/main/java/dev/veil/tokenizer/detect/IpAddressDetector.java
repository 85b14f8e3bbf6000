package dev.veil.tokenizer.detect;

import java.util.List;

/**
 * Finds IP addresses with a strict parser: IPv4 as four decimal octets 0-255 without leading
 * zeros, IPv6 in full, compressed ({@code ::}) or IPv4-embedded form, also with a port or inside a
 * URL; version strings (a version word before it in the same sentence) are skipped.
 */
public final class IpAddressDetector implements IndexedDetector {

    static final ContextWords CONTEXT = ContextWords.of(
            "ip", "ip address", "ipv4", "ipv6", "address", "host", "client", "from", "source", "src", "dst",
            "dirección ip", "direccion ip", "desde", "origen", "conexión", "conexion", "login", "logged in");
    /** Words that make a dotted quad a version or build number rather than an address. */
    static final ContextWords NOT_AN_ADDRESS = ContextWords.of(
            "version", "versions", "versión", "ver", "ver.", "v", "build", "release", "firmware", "os", "app",
            "versión de", "updated to", "upgraded to", "upgrade to", "downgrade to", "before", "since", "after");
    private static final int CONTEXT_WINDOW = 30;
    private static final int VERSION_WINDOW = 24;
    private static final double BASE = 0.8;
    private static final int MAX_V6_LENGTH = 45;

    @Override
    public PiiType type() {
        return PiiType.IP_ADDRESS;
    }

    @Override
    public void detect(String text, TextIndex index, List<Span> out) {
        // Every address has a dot or colon within its first five characters: a colon starts one
        // ("::1"), and otherwise a word of one to four hex digits ends right before one (an IPv4
        // octet has at most three digits, an IPv6 group at most four). So the detector walks the
        // dots and colons, a few per sentence, instead of every word start, and visits the same
        // candidates in the same order as a test at every word start would. The text index lists
        // the dots and colons, found in its one pass over the text.
        char[] chars = index.chars();
        int[] separators = index.dotsAndColons();
        int count = index.dotOrColonCount();
        int next = 0; // where the next address may start
        for (int k = 0; k < count; k++) {
            int separator = separators[k];
            int word = separator;
            while (word > 0 && separator - word < 4 && Chars.isHex(chars[word - 1])) {
                word--;
            }
            // a longer hex run leaves a hex digit before the word, so it is no word start either
            if (word < separator && word >= next && Chars.wordStartsAt(chars, word)
                    && (chars[separator] == ':' || dottedQuadMayStart(chars, word, separator))) {
                next = candidate(chars, word, out);
            }
            if (separator >= next && chars[separator] == ':') {
                next = candidate(chars, separator, out);
            }
        }
    }

    /**
     * False where a word before a dot cannot start an address, tested before any other work: before
     * a dot only a dotted quad can start (an IPv6 address's first group is followed by a colon, and
     * an embedded IPv4 needs a {@code ::} before it), so the word must be one to three decimal
     * digits and a digit must follow the dot. The detector's answer is the same without this test:
     * such a candidate reports nothing, and no address starts inside the token it would skip (each
     * position there follows a hex digit, a dot or a colon).
     */
    private static boolean dottedQuadMayStart(char[] text, int word, int dot) {
        if (dot - word > 3 || dot + 1 >= text.length || !Chars.isDigit(text[dot + 1])) {
            return false;
        }
        for (int p = word; p < dot; p++) {
            if (!Chars.isDigit(text[p])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reports the address that starts at {@code i}, a colon or a word start before a dot or colon,
     * if there is one; returns where the next may start.
     */
    static int candidate(char[] text, int i, List<Span> out) {
        if (!startsToken(text, i)) {
            return i + 1;
        }
        char c = text[i];
        int end = scanToken(text, i);
        int matched = Chars.isDigit(c) ? ipv4End(text, i, end) : -1;
        if (matched < 0 && Chars.isDigit(c)) {
            matched = withPort(text, i, end); // 10.0.0.1:8080: the address without its port
        }
        boolean v4 = matched > 0;
        if (matched < 0) {
            matched = ipv6End(text, i, end);
        }
        if (matched > 0 && endsAddress(text, matched) && !versionBefore(text, i) && !afterComparison(text, i)) {
            boolean context = CONTEXT.before(text, i, CONTEXT_WINDOW);
            // 3.6.2.1 is far more often a version than an address; with an IP word it is an address
            if (context || !v4 || !singleDigitOctets(text, i, matched)) {
                out.add(new Span(PiiType.IP_ADDRESS, i, matched, Confidence.boosted(BASE, context)));
            }
        }
        return Math.max(end, i + 1);
    }

    /** The end of a dotted quad followed by {@code :port} that makes up the token, or -1. */
    private static int withPort(char[] text, int start, int end) {
        int colon = -1;
        for (int p = start; p < end; p++) {
            if (text[p] == ':') {
                colon = p;
                break;
            }
        }
        if (colon < 0 || ipv4End(text, start, colon) != colon) {
            return -1;
        }
        int digits = end - colon - 1;
        for (int p = colon + 1; p < end; p++) {
            if (!Chars.isDigit(text[p])) {
                return -1;
            }
        }
        return digits >= 1 && digits <= 5 ? colon : -1;
    }

    /** An address ends where a number does, or before a URL's path, port, query or fragment. */
    private static boolean endsAddress(char[] text, int end) {
        if (Chars.numberEndsAt(text, end)) {
            return true;
        }
        char next = text[end];
        return next == '/' || next == ':' || next == '?' || next == '#';
    }

    /**
     * True if a version word stands shortly before {@code i} in the same sentence: "app. 10.0.0.1"
     * ends one sentence with a word and starts the next with an address.
     */
    private static boolean versionBefore(char[] text, int i) {
        int from = i;
        while (from > 0 && i - from < VERSION_WINDOW && !Chars.isDigit(text[from - 1])) {
            from--;
        }
        for (int p = from; p < i; p++) {
            if (p > 0 && Chars.isWordChar(text[p - 1])) {
                continue;
            }
            int end = NOT_AN_ADDRESS.matchAt(text, p);
            if (end >= 0 && end <= i && !sentenceBreak(text, end, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sentenceBreak(char[] text, int from, int to) {
        for (int p = from; p < to; p++) {
            char c = text[p];
            if (c == '\n' || ((c == '.' || c == '!' || c == '?' || c == ';') && p + 1 < to && Character.isWhitespace(text[p + 1]))) {
                return true;
            }
        }
        return false;
    }

    /** A version constraint such as {@code >= 2.0.3.4} or {@code == 1.2.3.4}. */
    private static boolean afterComparison(char[] text, int i) {
        int p = i;
        while (p > 0 && text[p - 1] == ' ') {
            p--;
        }
        return p > 0 && "=<>~^".indexOf(text[p - 1]) >= 0;
    }

    private static boolean singleDigitOctets(char[] text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Chars.isDigit(text[i]) && i + 1 < end && Chars.isDigit(text[i + 1])) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsToken(char[] text, int i) {
        if (i == 0) {
            return true;
        }
        char prev = text[i - 1];
        if (prev == '/' || prev == '@') {
            // inside a URL: http://10.0.0.1/..., ftp://user@10.0.0.1
            return i >= 2 && (text[i - 2] == '/' || (prev == '@' && Chars.isWordChar(text[i - 2])));
        }
        return !Chars.isWordChar(prev) && prev != '.' && prev != ':' && prev != '-';
    }

    /** The end of the run of hex digits, dots and colons starting at {@code i}. */
    private static int scanToken(char[] text, int i) {
        int n = text.length;
        int end = i;
        while (end < n) {
            char c = text[end];
            if (!(Chars.isHex(c) || c == ':' || c == '.')) {
                break;
            }
            end++;
        }
        // trailing punctuation ends a sentence, it is not part of the address
        while (end > i && (text[end - 1] == '.' || (text[end - 1] == ':' && text[end - 2 < i ? i : end - 2] != ':'))) {
            end--;
        }
        return end;
    }

    /** The end of the dotted quad at {@code start} if it is the whole token, else -1. */
    static int ipv4End(char[] text, int start, int limit) {
        int pos = start;
        for (int octet = 0; octet < 4; octet++) {
            int digitsStart = pos;
            int value = 0;
            while (pos < limit && pos - digitsStart < 3 && Chars.isDigit(text[pos])) {
                value = value * 10 + (text[pos] - '0');
                pos++;
            }
            int length = pos - digitsStart;
            if (length == 0 || value > 255 || (length > 1 && text[digitsStart] == '0')) {
                return -1;
            }
            if (octet < 3) {
                if (pos >= limit || text[pos] != '.') {
                    return -1;
                }
                pos++;
            }
        }
        return pos == limit ? pos : -1;
    }

    /** The end of the IPv6 address at {@code start} if it is the whole token, else -1. */
    static int ipv6End(char[] text, int start, int limit) {
        if (limit - start > MAX_V6_LENGTH || limit - start < 3) {
            return -1;
        }
        int groups = 0;
        boolean compressed = false;
        boolean digit = false;
        int pos = start;
        if (text[pos] == ':') {
            if (text[pos + 1] != ':') {
                return -1;
            }
            compressed = true;
            pos += 2;
        }
        while (pos < limit) {
            int groupStart = pos;
            while (pos < limit && pos - groupStart < 5 && Chars.isHex(text[pos])) {
                digit |= Chars.isDigit(text[pos]);
                pos++;
            }
            int length = pos - groupStart;
            if (pos < limit && text[pos] == '.') {
                // embedded IPv4 in the last 32 bits
                if (length == 0 || groups > 6 || ipv4End(text, groupStart, limit) != limit) {
                    return -1;
                }
                groups += 2;
                digit = true;
                pos = limit;
                break;
            }
            if (length == 0 || length > 4) {
                return -1;
            }
            groups++;
            if (pos == limit) {
                break;
            }
            if (text[pos] != ':') {
                return -1;
            }
            pos++;
            if (pos < limit && text[pos] == ':') {
                if (compressed) {
                    return -1;
                }
                compressed = true;
                pos++;
            } else if (pos == limit) {
                return -1;
            }
        }
        boolean complete = compressed ? groups <= 7 : groups == 8;
        return complete && digit ? limit : -1;
    }
}
