package dev.veil.tokenizer.detect;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The view of a text that detectors scan, made in one pass: compatibility forms folded to ASCII
 * (full-width letters and digits, other decimal-digit scripts, every Unicode space and dash),
 * invisible characters removed, HTML tags and entities and percent-encoding rendered, and a space
 * put between a glued prefix and its number ({@code CC#4111} reads {@code CC# 4111}); with an
 * offset map so that a span found in the view is replaced on exactly the original characters.
 * A text that needs none of this is its own view and costs no copy.
 */
public final class NormalizedText {

    /** HTML elements that render inline: removing their tags joins the text on either side. */
    private static final Set<String> INLINE_TAGS = Set.of(
            "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
            "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
            "var", "wbr", "o:p");
    /** HTML elements whose tags break the line when rendered. */
    private static final Set<String> BLOCK_TAGS = Set.of(
            "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "div", "dl", "dt",
            "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
            "header", "hr", "html", "img", "input", "label", "li", "main", "meta", "nav", "ol", "option", "p", "pre",
            "section", "select", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "title", "tr", "ul",
            "button", "col", "colgroup", "link", "source", "style", "script", "iframe", "svg", "picture", "video");
    private static final Map<String, Character> ENTITIES = Map.ofEntries(
            Map.entry("nbsp", ' '), Map.entry("amp", '&'), Map.entry("lt", '<'), Map.entry("gt", '>'),
            Map.entry("quot", '"'), Map.entry("apos", '\''), Map.entry("commat", '@'), Map.entry("period", '.'),
            Map.entry("num", '#'), Map.entry("colon", ':'), Map.entry("sol", '/'), Map.entry("hyphen", '-'),
            Map.entry("dash", '-'), Map.entry("ndash", '-'), Map.entry("mdash", '-'), Map.entry("ensp", ' '),
            Map.entry("emsp", ' '), Map.entry("thinsp", ' '), Map.entry("shy", '\u00ad'), Map.entry("zwj", '\u200d'),
            Map.entry("zwnj", '\u200c'), Map.entry("plus", '+'), Map.entry("lpar", '('), Map.entry("rpar", ')'),
            Map.entry("ordm", 'º'), Map.entry("ordf", 'ª'), Map.entry("deg", '°'));
    private static final int MAX_TAG = 1024;
    private static final int MAX_ENTITY = 10;
    private static final int DELETE = -1;
    /**
     * One bit per BMP character, set where the view keeps the character as it is ({@link #fold}
     * returns it, and it is no surrogate): the usual non-ASCII letter or quote then costs one bit
     * test instead of {@code codePointAt} and {@link Character#getType}. A table of the fold
     * function itself, the same for every text.
     */
    private static final long[] KEPT = new long[1 << 10];

    static {
        for (int c = 0x80; c < 0x10000; c++) {
            if (!Character.isSurrogate((char) c) && fold(c) == c) {
                KEPT[c >>> 6] |= 1L << c;
            }
        }
    }

    private final String original;
    private final String text;
    /** Per character of the view, where it comes from in the original; null for an identity view. */
    private final int[] starts;
    private final int[] ends;
    private final boolean decoded;

    private NormalizedText(String original, String text, int[] starts, int[] ends, boolean decoded) {
        this.original = original;
        this.text = text;
        this.starts = starts;
        this.ends = ends;
        this.decoded = decoded;
    }

    /** The view of {@code original}; one pass over it. */
    public static NormalizedText of(String original) {
        requireNonNull(original, "original");
        return new Builder(original).build();
    }

    /**
     * The view of {@code original}, given its index ({@link TextIndex#of} of the same text): the
     * index's one pass has noted where the view may differ ({@link TextIndex#viewStops}), so only
     * those positions are looked at until the first change. The same view as {@link #of(String)}.
     */
    static NormalizedText of(String original, TextIndex index) {
        requireNonNull(original, "original");
        if (index.chars().length != original.length()) {
            throw new IllegalArgumentException("index: of another text (expected the index of this text)");
        }
        return new Builder(original, index).build();
    }

    /**
     * True if the view may change {@code c} where it stands: markup's {@code < & %}, or a character
     * beyond ASCII that the view does not keep as it is (or a surrogate). Every other character is
     * kept, unless it starts a value glued to a prefix ({@link #mayGlue}).
     */
    static boolean mayChange(char c) {
        return c < 0x80 ? (Builder.ASCII[c] & Builder.MARKUP) != 0 : (KEPT[c >>> 6] & (1L << c)) == 0;
    }

    /** True if {@code c} may glue a short word to a value right after it ({@code CC#4111}, {@code No.5}). */
    static boolean mayGlue(char c) {
        return Builder.glue(c);
    }

    /** True if a value glued to a prefix may start with {@code c}: the view may put a space before it. */
    static boolean mayStartValue(char c) {
        return c < 0x80 && Builder.startsValue(c);
    }

    /** The text that was normalized. */
    public String original() {
        return original;
    }

    /** The normalized view that detectors scan. */
    public String text() {
        return text;
    }

    /** True if the view differs from the original. */
    public boolean changed() {
        return starts != null;
    }

    /**
     * True if markup or an encoding was rendered (HTML tags or entities, percent-encoding): then the
     * original is worth scanning as well, as written, next to the view as a client would show it.
     */
    public boolean decodedMarkup() {
        return decoded;
    }

    /** Where the view's character at {@code index} starts in the original. */
    public int originalStart(int index) {
        return starts == null ? index : starts[index];
    }

    /** Where the view's character at {@code index} ends in the original (exclusive). */
    public int originalEnd(int index) {
        return ends == null ? index + 1 : ends[index];
    }

    /**
     * True if a character of the view that comes from the original's {@code [from, to)} is a digit:
     * whether those characters read as a digit, where the digits of an escape ({@code %20},
     * {@code &#32;}) or a tag do not.
     */
    boolean readsDigit(int from, int to) {
        if (starts == null) {
            return Chars.indexOfCodePoint(text, from, to, Character::isDigit) >= 0;
        }
        int low = 0;
        int high = starts.length;
        while (low < high) { // the first view character from at or after {@code from}; starts only grow
            int middle = (low + high) >>> 1;
            if (starts[middle] < from) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        int end = low;
        while (end < starts.length && starts[end] < to) {
            end++;
        }
        return Chars.indexOfCodePoint(text, low, end, Character::isDigit) >= 0;
    }

    /** The span of the original that holds the view's {@code span}, same type and confidence. */
    public Span toOriginal(Span span) {
        if (starts == null) {
            return span;
        }
        int start = starts[span.start()];
        int end = ends[span.end() - 1];
        // a span that starts on an inserted character (which has no width) still covers its value
        return new Span(span.type(), start, Math.max(end, start + 1), span.confidence());
    }

    /**
     * The ASCII character a code point stands for in detection, {@link #DELETE} for an invisible
     * one, or the code point itself when it is kept as it is.
     */
    static int fold(int cp) {
        if (cp < 0x80) {
            return cp;
        }
        switch (cp) {
            case 0x00AD: // soft hyphen
            case 0x034F: // combining grapheme joiner
            case 0x061C: // Arabic letter mark
            case 0x180E: // Mongolian vowel separator
            case 0x200B: // zero-width space
            case 0x200C: // zero-width non-joiner
            case 0x200D: // zero-width joiner
            case 0x200E: // left-to-right mark
            case 0x200F: // right-to-left mark
            case 0xFEFF: // byte order mark, zero-width no-break space
                return DELETE;
            case 0x2028:
            case 0x2029:
                return '\n';
            case 0x2212: // minus sign
            case 0x2043: // hyphen bullet
            case 0x30FC: // prolonged sound mark, typed as a dash in Japanese input
            case 0xFF70:
                return '-';
            case 0x2024: // one dot leader
            case 0x3002: // ideographic full stop
            case 0xFF61:
                return '.';
            case 0xFF5E:
                return '~';
            default:
                break;
        }
        if ((cp >= 0x2060 && cp <= 0x206F) || (cp >= 0x202A && cp <= 0x202E)) {
            return DELETE; // word joiner, invisible operators, bidi controls
        }
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            return cp - 0xFEE0; // full-width ASCII
        }
        if (cp == 0x3000) {
            return ' ';
        }
        int type = Character.getType(cp);
        if (type == Character.DECIMAL_DIGIT_NUMBER) {
            return '0' + Character.digit(cp, 10);
        }
        if (type == Character.SPACE_SEPARATOR) {
            return ' ';
        }
        if (type == Character.DASH_PUNCTUATION) {
            return '-';
        }
        if (type == Character.FORMAT) {
            return DELETE;
        }
        return cp;
    }

    /** Builds the view lazily: nothing is copied until the first character that changes. */
    private static final class Builder {

        /** An ASCII character that opens markup, an entity or a percent-encoding. */
        private static final int MARKUP = 1;
        /** An ASCII character a value may start with ({@link #startsValue}). */
        private static final int VALUE = 2;
        /** An ASCII character that may glue a prefix to a value ({@link #glue}). */
        private static final int GLUE = 4;
        private static final byte[] ASCII = new byte[0x80];

        static {
            for (char c = 0; c < 0x80; c++) {
                boolean markup = c == '<' || c == '&' || c == '%';
                ASCII[c] = (byte) ((markup ? MARKUP : 0) | (startsValue(c) ? VALUE : 0) | (glue(c) ? GLUE : 0));
            }
        }

        private final String original;
        private final int n;
        private char[] out;
        private int[] starts;
        private int[] ends;
        private int length;
        private boolean decoded;
        /** True once no "-->" follows a comment's opening: none follows any later opening either. */
        private boolean unclosedComment;

        /** The stops of the text's index, or null: then {@link #keptRun} finds where to stop. */
        private final int[] stops;
        private final int stopCount;
        private int nextStop;

        Builder(String original) {
            this.original = original;
            this.n = original.length();
            this.stops = null;
            this.stopCount = 0;
        }

        Builder(String original, TextIndex index) {
            this.original = original;
            this.n = original.length();
            this.stops = index.viewStops();
            this.stopCount = index.viewStopCount();
        }

        NormalizedText build() {
            int i = 0;
            // whether the character before i may glue a prefix to a value: only then is a digit or a
            // capital tested further, as a quarter of a ticket's characters start values
            boolean afterGlue = false;
            while (i < n) {
                if (out == null) {
                    int run = stops == null ? keptRun(i, afterGlue) : stopFrom(i);
                    if (run > i) {
                        afterGlue = glue(original.charAt(run - 1));
                        i = run;
                        if (i == n) {
                            break;
                        }
                    }
                }
                char c = original.charAt(i);
                if (c < 0x80) {
                    int kind = ASCII[c];
                    if ((kind & MARKUP) == 0 && !(afterGlue && (kind & VALUE) != 0 && gluedBefore(i))) {
                        keep(c, i);
                        afterGlue = (kind & GLUE) != 0;
                        i++;
                        continue;
                    }
                } else if ((KEPT[c >>> 6] & (1L << c)) != 0) {
                    keep(c, i);
                    afterGlue = glue(c); // º, ª and ° glue a prefix to its number
                    i++;
                    continue;
                }
                i = special(c, i);
                afterGlue = glue(original.charAt(i - 1));
            }
            if (out == null) {
                return new NormalizedText(original, original, null, null, false);
            }
            return new NormalizedText(original, new String(out, 0, length), Arrays.copyOf(starts, length),
                    Arrays.copyOf(ends, length), decoded);
        }

        /**
         * The end of the run from {@code i} of characters the view keeps as they are: while nothing
         * has changed yet (the usual text throughout) keeping one costs its tests and nothing else.
         * It stops at markup, a character that folds, and a value after a gluing mark, which
         * {@link #build} then decides.
         */
        private int keptRun(int i, boolean afterGlue) {
            String text = original;
            int end = n;
            boolean glue = afterGlue;
            for (; i < end; i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    int kind = ASCII[c];
                    if ((kind & MARKUP) != 0 || (glue && (kind & VALUE) != 0)) {
                        return i;
                    }
                    glue = (kind & GLUE) != 0;
                } else if ((KEPT[c >>> 6] & (1L << c)) != 0) {
                    glue = glue(c);
                } else {
                    return i;
                }
            }
            return i;
        }

        /**
         * The first of the index's stops at or after {@code i}, or the text's end: what
         * {@link #keptRun} would find, as the stops include every position where it stops (and
         * perhaps a few more, where {@link #build} then keeps the character as it is).
         */
        private int stopFrom(int i) {
            int k = nextStop;
            while (k < stopCount && stops[k] < i) {
                k++;
            }
            nextStop = k;
            return k < stopCount ? stops[k] : n;
        }

        /** Handles the character at {@code i} that may change; returns the next position. */
        private int special(char c, int i) {
            if (c == '<') {
                int end = tagEnd(i);
                if (end > 0) {
                    decoded = true;
                    String name = tagName(i); // null for a comment
                    if (name == null) {
                        emit(' ', i, end); // a comment shows nothing, yet parts the words around it
                    } else if (BLOCK_TAGS.contains(name)) {
                        emit('\n', i, end);
                    } else {
                        change(i); // tagEnd takes only block and inline tags
                    }
                    return end;
                }
                keep(c, i);
                return i + 1;
            }
            if (c == '&') {
                int end = entity(i);
                return end > 0 ? end : keepAt(c, i);
            }
            if (c == '%') {
                int end = percent(i);
                return end > 0 ? end : keepAt(c, i);
            }
            if (c < 0x80) {
                // a value glued to a prefix such as "CC#", "nº" or "No."
                emit(' ', i, i);
                keep(c, i);
                return i + 1;
            }
            int cp = original.codePointAt(i);
            int width = Character.charCount(cp);
            put(fold(cp), cp, i, i + width);
            return i + width;
        }

        private int keepAt(char c, int i) {
            keep(c, i);
            return i + 1;
        }

        /** Emits the folding of {@code cp}, which stands at {@code [start, end)} of the original. */
        private void put(int folded, int cp, int start, int end) {
            if (folded == DELETE) {
                change(start);
                return;
            }
            if (folded == cp && end - start == 1 && original.charAt(start) == cp) {
                keep((char) cp, start);
                return;
            }
            if (Character.isBmpCodePoint(folded)) {
                emit((char) folded, start, end);
            } else {
                emit(Character.highSurrogate(folded), start, end);
                emit(Character.lowSurrogate(folded), start, end);
            }
        }

        /** A value may start with a digit, an upper-case letter (an IBAN, a NIE) or a phone's {@code +} or {@code (}. */
        private static boolean startsValue(char c) {
            return Chars.isDigit(c) || (c >= 'A' && c <= 'Z') || c == '+' || c == '(';
        }

        /** Whether {@code c} may glue a short word to the value after it ({@link #gluedBefore}). */
        private static boolean glue(char c) {
            return c == '#' || c == '.' || c == 'º' || c == 'ª' || c == '°';
        }

        /**
         * True if the value at {@code i} follows a short word glued to it by {@code #}, {@code º},
         * {@code ª}, {@code °} or a dot after "no"/"nr"/"num": the number starts a new value.
         */
        private boolean gluedBefore(int i) {
            if (i < 2) {
                return false;
            }
            char prev = original.charAt(i - 1);
            if (prev != '#' && prev != '.' && prev != 'º' && prev != 'ª' && prev != '°') {
                return false;
            }
            int wordEnd = prev == 'º' || prev == 'ª' ? i : i - 1;
            int wordStart = wordEnd;
            while (wordStart > 0 && wordEnd - wordStart <= 5 && Character.isLetter(original.charAt(wordStart - 1))) {
                wordStart--;
            }
            int letters = wordEnd - wordStart;
            if (letters == 0 || letters > 5 || (wordStart > 0 && Chars.isWordChar(original.charAt(wordStart - 1)))) {
                return false;
            }
            if (prev != '.') {
                return true;
            }
            String word = original.substring(wordStart, wordEnd).toLowerCase(Locale.ROOT);
            return word.equals("no") || word.equals("nr") || word.equals("num") || word.equals("núm")
                    || word.equals("nro") || word.equals("tel") || word.equals("tlf") || word.equals("ref");
        }

        /** The end of an HTML tag or comment at {@code i}, or -1. */
        private int tagEnd(int i) {
            if (original.startsWith("<!--", i)) {
                // searched once: a text of unclosed openings would otherwise be rescanned at each
                int close = unclosedComment ? -1 : original.indexOf("-->", i + 4);
                unclosedComment = close < 0;
                return close < 0 ? -1 : close + 3;
            }
            String name = tagName(i);
            if (name == null || !(INLINE_TAGS.contains(name) || BLOCK_TAGS.contains(name))) {
                return -1;
            }
            int limit = Math.min(n, i + MAX_TAG);
            for (int p = i + 1; p < limit; p++) {
                char c = original.charAt(p);
                if (c == '>') {
                    return p + 1;
                }
                if (c == '<') {
                    return -1;
                }
            }
            return -1;
        }

        /** The lower-case element name of the tag at {@code i} if one follows {@code <} or {@code </}, else null. */
        private String tagName(int i) {
            int p = i + 1;
            if (p < n && original.charAt(p) == '/') {
                p++;
            }
            int start = p;
            while (p < n && p - start < 12 && (Chars.isAsciiAlnum(original.charAt(p)) || original.charAt(p) == ':')) {
                p++;
            }
            if (p == start || !Chars.isAsciiLetter(original.charAt(start)) || p >= n) {
                return null;
            }
            char after = original.charAt(p);
            if (after != '>' && after != '/' && after != ' ' && after != '\n' && after != '\t' && after != '\r') {
                return null;
            }
            return original.substring(start, p).toLowerCase(Locale.ROOT);
        }

        /** Renders the HTML entity at {@code i}; returns its end, or -1 if there is none. */
        private int entity(int i) {
            int semi = -1;
            for (int p = i + 1; p < n && p - i <= MAX_ENTITY; p++) {
                if (original.charAt(p) == ';') {
                    semi = p;
                    break;
                }
            }
            if (semi < i + 2) {
                return -1;
            }
            int cp;
            if (original.charAt(i + 1) == '#') {
                boolean hex = semi > i + 2 && (original.charAt(i + 2) | 0x20) == 'x';
                cp = parse(i + (hex ? 3 : 2), semi, hex ? 16 : 10);
            } else {
                Character named = ENTITIES.get(original.substring(i + 1, semi).toLowerCase(Locale.ROOT));
                cp = named == null ? -1 : named;
            }
            if (cp <= 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return -1;
            }
            decoded = true;
            put(fold(cp), -2, i, semi + 1);
            return semi + 1;
        }

        /** Decodes one percent-encoded character (UTF-8, one to four bytes) at {@code i}; returns its end, or -1. */
        private int percent(int i) {
            int lead = hexByte(i);
            if (lead < 0) {
                return -1;
            }
            int more = lead < 0x80 ? 0 : lead >= 0xF0 && lead < 0xF8 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC2 ? 1 : -1;
            if (more < 0) {
                return -1;
            }
            int cp = more == 0 ? lead : lead & (0x3F >> more);
            int p = i + 3;
            for (int k = 0; k < more; k++) {
                int b = hexByte(p);
                if (b < 0 || (b & 0xC0) != 0x80) {
                    return -1;
                }
                cp = (cp << 6) | (b & 0x3F);
                p += 3;
            }
            if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) {
                return -1;
            }
            decoded = true;
            put(fold(cp), -2, i, p);
            return p;
        }

        private int hexByte(int i) {
            if (i + 3 > n || original.charAt(i) != '%' || !Chars.isHex(original.charAt(i + 1))
                    || !Chars.isHex(original.charAt(i + 2))) {
                return -1;
            }
            return Character.digit(original.charAt(i + 1), 16) * 16 + Character.digit(original.charAt(i + 2), 16);
        }

        private int parse(int from, int to, int radix) {
            if (to - from < 1 || to - from > 7) {
                return -1;
            }
            int value = 0;
            for (int p = from; p < to; p++) {
                char c = original.charAt(p);
                int d = c < 0x80 ? Character.digit(c, radix) : -1;
                if (d < 0) {
                    return -1;
                }
                value = value * radix + d;
            }
            return value;
        }

        /** Copies the character at {@code i} unchanged. */
        private void keep(char c, int i) {
            if (out != null) {
                append(c, i, i + 1);
            }
        }

        private void emit(char c, int start, int end) {
            change(start);
            append(c, start, end);
        }

        /**
         * Starts the copy at the first change, at {@code at} in the original: every character
         * before it was kept, so each maps to itself.
         */
        private void change(int at) {
            if (out != null) {
                return;
            }
            int capacity = n + 16;
            out = new char[capacity];
            starts = new int[capacity];
            ends = new int[capacity];
            original.getChars(0, at, out, 0);
            for (int k = 0; k < at; k++) {
                starts[k] = k;
                ends[k] = k + 1;
            }
            length = at;
        }

        private void append(char c, int start, int end) {
            if (length == out.length) {
                int capacity = out.length * 2;
                out = Arrays.copyOf(out, capacity);
                starts = Arrays.copyOf(starts, capacity);
                ends = Arrays.copyOf(ends, capacity);
            }
            out[length] = c;
            starts[length] = start;
            ends[length] = end;
            length++;
        }
    }
}
