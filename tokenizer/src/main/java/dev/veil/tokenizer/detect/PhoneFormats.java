package dev.veil.tokenizer.detect;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonemetadata.NumberFormat;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of libphonenumber's {@code format(number, NATIONAL)} and {@code format(number,
 * INTERNATIONAL)}, which {@link PhoneDetector} reads for the layout test, built without the
 * library's regular expressions: the library tries each format's leading digits and pattern as a
 * regular expression and then rewrites the number with {@code Matcher.replaceAll}. Here the same
 * steps run on {@link DigitAutomaton}s, and where the chosen format's pattern is a plain sequence of
 * digit groups ({@code (\d{3})(\d{3,4})}), what the groups capture follows from the number's length,
 * so the format's rule is filled in directly. A format outside that (another pattern shape, an
 * escape in its rule, a leading-digits pattern the automaton cannot hold) and any number with an
 * extension are formatted by the library itself, so every answer is the library's. Compiled per
 * calling code and style on first use, from the metadata only: nothing here depends on a text or
 * a number. Thread-safe.
 */
final class PhoneFormats {

    /** libphonenumber's own pattern for the first group reference of a rule. */
    private static final Pattern FIRST_GROUP = Pattern.compile("(\\$\\d)");
    /** One capture of a plain digit-group pattern: {@code (\d)}, {@code (\d{3})} or {@code (\d{2,4})}. */
    private static final Pattern DIGIT_GROUP = Pattern.compile("\\(\\\\d(?:\\{(\\d+)(?:,(\\d+))?\\})?\\)");
    private static final String NON_GEO = "001";

    private final PhoneNumberUtil util;
    private final MetadataSource source;
    /** Per calling code (0-999): the national and the international formats, compiled on first use. */
    private final AtomicReferenceArray<Formats> national = new AtomicReferenceArray<>(1000);
    private final AtomicReferenceArray<Formats> international = new AtomicReferenceArray<>(1000);
    private final boolean[] supported = new boolean[1000];

    PhoneFormats(PhoneNumberUtil util) {
        this.util = util;
        this.source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        for (int code : util.getSupportedCallingCodes()) {
            if (code >= 0 && code < supported.length) {
                supported[code] = true;
            }
        }
    }

    /** Same as {@code util.format(number, style)} for {@code NATIONAL} and {@code INTERNATIONAL}. */
    String format(PhoneNumber number, PhoneNumberFormat style) {
        String own = ownFormat(number, style);
        return own != null ? own : util.format(number, style);
    }

    /** What {@link #format} answers without the library, or null where the library answers (tests use it). */
    String ownFormat(PhoneNumber number, PhoneNumberFormat style) {
        int countryCode = number.getCountryCode();
        boolean styled = style == PhoneNumberFormat.NATIONAL || style == PhoneNumberFormat.INTERNATIONAL;
        if (!styled || number.hasExtension() || (number.getNationalNumber() == 0 && number.hasRawInput())
                || countryCode < 0 || countryCode >= supported.length || !supported[countryCode]) {
            return null;
        }
        Formats formats = formats(countryCode, style);
        String formatted = formats == null ? null : formats.format(util.getNationalSignificantNumber(number));
        if (formatted == null) {
            return null;
        }
        return style == PhoneNumberFormat.INTERNATIONAL ? "+" + countryCode + " " + formatted : formatted;
    }

    private Formats formats(int countryCode, PhoneNumberFormat style) {
        AtomicReferenceArray<Formats> all = style == PhoneNumberFormat.NATIONAL ? national : international;
        Formats formats = all.get(countryCode);
        if (formats == null) {
            formats = compile(countryCode, style);
            all.set(countryCode, formats); // a race compiles one twice, harmlessly
        }
        return formats == Formats.UNKNOWN ? null : formats;
    }

    private Formats compile(int countryCode, PhoneNumberFormat style) {
        // the library's steps: the calling code's main region, its metadata, then its formats
        String region = util.getRegionCodeForCountryCode(countryCode);
        PhoneMetadata metadata = NON_GEO.equals(region)
                ? source.getMetadataForNonGeographicalRegion(countryCode)
                : source.getMetadataForRegion(region);
        if (metadata == null) {
            return Formats.UNKNOWN;
        }
        List<NumberFormat> intl = metadata.getIntlNumberFormatList();
        List<NumberFormat> available = intl.isEmpty() || style == PhoneNumberFormat.NATIONAL
                ? metadata.getNumberFormatList() : intl;
        List<Entry> entries = new ArrayList<>(available.size());
        for (NumberFormat format : available) {
            entries.add(Entry.of(format, style));
        }
        return new Formats(entries.toArray(new Entry[0]));
    }

    /** The formats of one calling code and style, in the library's order. */
    private static final class Formats {
        static final Formats UNKNOWN = new Formats(new Entry[0]);

        private final Entry[] entries;

        Formats(Entry[] entries) {
            this.entries = entries;
        }

        /** The formatted national significant number, or null where the library must answer. */
        String format(String nsn) {
            int length = nsn.length();
            char[] digits = nsn.toCharArray();
            for (char c : digits) {
                if (!Chars.isDigit(c)) {
                    return null;
                }
            }
            // chooseFormattingPatternForNumber: the first format whose last leading-digits pattern
            // matches a prefix and whose pattern matches the whole number
            for (Entry entry : entries) {
                if (entry.hasLeading) {
                    if (entry.leading == null) {
                        return null;
                    }
                    if (!entry.leading.matchesPrefix(digits, length)) {
                        continue;
                    }
                }
                if (entry.pattern == null) {
                    return null;
                }
                if (entry.pattern.matches(digits, length)) {
                    return entry.fill(nsn);
                }
            }
            return nsn; // no format fits: the library writes the digits as they are
        }
    }

    /** One format: its leading digits and pattern as automata, its groups' bounds and its rule. */
    private static final class Entry {
        final boolean hasLeading;
        final DigitAutomaton leading;
        final DigitAutomaton pattern;
        /** Per capture group, the least and most digits it takes; null for a pattern of another shape. */
        final int[] min;
        final int[] max;
        /** The rule as literal strings and group numbers (Integer), in order; null if the library must read it. */
        final Object[] rule;

        private Entry(boolean hasLeading, DigitAutomaton leading, DigitAutomaton pattern, int[] min, int[] max,
                Object[] rule) {
            this.hasLeading = hasLeading;
            this.leading = leading;
            this.pattern = pattern;
            this.min = min;
            this.max = max;
            this.rule = rule;
        }

        static Entry of(NumberFormat format, PhoneNumberFormat style) {
            int size = format.getLeadingDigitsPatternCount();
            DigitAutomaton leading = size == 0 ? null : DigitAutomaton.compile(format.getLeadingDigitsPattern(size - 1));
            DigitAutomaton pattern = DigitAutomaton.compile(format.getPattern());
            int[][] bounds = groupBounds(format.getPattern());
            String rule = format.getFormat();
            String prefixRule = format.getNationalPrefixFormattingRule();
            if (style == PhoneNumberFormat.NATIONAL && prefixRule != null && !prefixRule.isEmpty()) {
                // exactly the library's rewriting of the rule (no carrier code is ever passed)
                rule = FIRST_GROUP.matcher(rule).replaceFirst(prefixRule);
            }
            Object[] parts = bounds == null ? null : parseRule(rule, bounds[0].length);
            return new Entry(size > 0, leading, pattern, bounds == null ? null : bounds[0],
                    bounds == null ? null : bounds[1], parts);
        }

        /** The rule filled in with what each group captures of {@code nsn}, or null where the library must answer. */
        String fill(String nsn) {
            if (min == null || rule == null) {
                return null;
            }
            // a sequence of greedy digit groups over a whole match: each group takes as many digits
            // as it may while the groups after it can still take their least
            int groups = min.length;
            int[] starts = new int[groups + 1];
            int[] ends = new int[groups + 1];
            int rest = 0;
            for (int g = 0; g < groups; g++) {
                rest += min[g];
            }
            int at = 0;
            for (int g = 0; g < groups; g++) {
                rest -= min[g];
                int take = Math.min(max[g], nsn.length() - at - rest);
                if (take < min[g]) {
                    return null; // cannot happen after a whole match; the library decides if it does
                }
                starts[g + 1] = at;
                ends[g + 1] = at + take;
                at += take;
            }
            if (at != nsn.length()) {
                return null;
            }
            starts[0] = 0;
            ends[0] = nsn.length();
            StringBuilder out = new StringBuilder(nsn.length() + 8);
            for (Object part : rule) {
                if (part instanceof String) {
                    out.append((String) part);
                } else {
                    int group = (Integer) part;
                    out.append(nsn, starts[group], ends[group]);
                }
            }
            return out.toString();
        }

        /** {@code {min[], max[]}} of a pattern made only of {@link #DIGIT_GROUP}s, else null. */
        private static int[][] groupBounds(String pattern) {
            Matcher m = DIGIT_GROUP.matcher(pattern);
            List<int[]> groups = new ArrayList<>();
            int at = 0;
            while (at < pattern.length()) {
                if (!m.find(at) || m.start() != at) {
                    return null;
                }
                int least = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
                int most = m.group(1) == null ? 1 : m.group(2) == null ? least : Integer.parseInt(m.group(2));
                groups.add(new int[] {least, most});
                at = m.end();
            }
            if (groups.isEmpty()) {
                return null;
            }
            int[] min = new int[groups.size()];
            int[] max = new int[groups.size()];
            for (int g = 0; g < min.length; g++) {
                min[g] = groups.get(g)[0];
                max[g] = groups.get(g)[1];
            }
            return new int[][] {min, max};
        }

        /**
         * The rule as {@code Matcher.appendReplacement} reads it: {@code $n} refers to group {@code n}
         * (further digits join while the number stays a group), anything else is literal; null for a
         * backslash, a named group or a reference the library would refuse.
         */
        private static Object[] parseRule(String rule, int groupCount) {
            List<Object> parts = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            int i = 0;
            while (i < rule.length()) {
                char c = rule.charAt(i);
                if (c == '\\') {
                    return null;
                }
                if (c != '$') {
                    literal.append(c);
                    i++;
                    continue;
                }
                i++;
                if (i >= rule.length() || !Chars.isDigit(rule.charAt(i))) {
                    return null;
                }
                int group = rule.charAt(i++) - '0';
                while (i < rule.length() && Chars.isDigit(rule.charAt(i)) && group * 10 + rule.charAt(i) - '0' <= groupCount) {
                    group = group * 10 + rule.charAt(i++) - '0';
                }
                if (group > groupCount) {
                    return null;
                }
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(group);
            }
            if (literal.length() > 0) {
                parts.add(literal.toString());
            }
            return parts.toArray();
        }
    }
}
