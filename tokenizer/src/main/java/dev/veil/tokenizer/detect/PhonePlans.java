package dev.veil.tokenizer.detect;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The answers of libphonenumber's {@code isValidNumber}, {@code isValidNumberForRegion} and
 * {@code parse} for what {@link PhoneDetector} asks, computed from libphonenumber's own metadata
 * compiled to {@link DigitAutomaton}s: the library runs several backtracking regular expressions
 * per call (about 60 % of the detector's time). The steps are the library's own (its region
 * choice by leading digits, the general pattern, then each number type with its possible
 * lengths); where a step needs what is not compiled here (an extension, a national prefix
 * inside an international number, a pattern outside the automaton's syntax) the library itself
 * answers, so every answer is the library's. A region's plan is compiled when a number first
 * reaches it; plans hold metadata, never numbers. Thread-safe.
 */
final class PhonePlans {

    private static final int MAX_LENGTH_FOR_NSN = 17;
    private static final int MIN_LENGTH_FOR_NSN = 2;
    private static final int MAX_LENGTH_COUNTRY_CODE = 3;
    private static final String NON_GEO = "001";

    private final PhoneNumberUtil util;
    private final MetadataSource source;
    /** Per country calling code (0-999), built on first use; a race builds one twice, harmlessly. */
    private final AtomicReferenceArray<CallingCode> codes = new AtomicReferenceArray<>(1000);
    private final boolean[] supported = new boolean[1000];

    PhonePlans(PhoneNumberUtil util) {
        this.util = util;
        this.source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        for (int code : util.getSupportedCallingCodes()) {
            if (code >= 0 && code < supported.length) {
                supported[code] = true;
            }
        }
    }

    /** Same as {@code util.isValidNumber(number)}. */
    boolean isValidNumber(PhoneNumber number) {
        int countryCode = number.getCountryCode();
        if (countryCode >= 0 && countryCode < supported.length && !supported[countryCode]) {
            return false; // no region has the code: the library finds none and refuses it
        }
        CallingCode code = code(countryCode);
        char[] nsn = new char[20];
        int length = nationalSignificantNumber(number, nsn);
        if (code == null || length < 0) {
            return util.isValidNumber(number);
        }
        RegionPlan region = code.regionFor(nsn, length);
        if (region != null && !region.exact()) {
            return util.isValidNumber(number); // a plan the automata cannot hold: the library decides
        }
        return region != null && region.hasType(nsn, length);
    }

    /** Same as {@code util.isValidNumberForRegion(number, region)}. */
    boolean isValidNumberForRegion(PhoneNumber number, String region) {
        CallingCode code = code(number.getCountryCode());
        if (code == null) {
            return util.isValidNumberForRegion(number, region);
        }
        for (int k = 0; k < code.ids.length; k++) {
            if (code.ids[k].equals(region)) {
                RegionPlan plan = code.plan(k);
                char[] nsn = new char[20];
                int length = nationalSignificantNumber(number, nsn);
                return length < 0 || !plan.exact() ? util.isValidNumberForRegion(number, region) : plan.hasType(nsn, length);
            }
        }
        // a region of another calling code (or none): libphonenumber refuses it before any pattern
        return util.isValidNumberForRegion(number, region);
    }

    /**
     * Same as {@code util.parse(text, defaultRegion)}, or null where that throws. Answered here for
     * a number written with its country code ({@code +} or the region's {@code 00}) in digits and
     * the separators {@code space - . ( )} and no-break space, ending in a digit; anything else,
     * and any number whose national part starts like a national prefix, goes to the library.
     */
    PhoneNumber parse(String text, String defaultRegion) {
        PhoneNumber fast = parseInternational(text, defaultRegion);
        if (fast != null) {
            return fast == UNDECIDED ? slowParse(text, defaultRegion) : fast;
        }
        return null;
    }

    /** True if {@link #parse} answers {@code text} without the library (for tests). */
    boolean parsesItself(String text, String defaultRegion) {
        return parseInternational(text, defaultRegion) != UNDECIDED;
    }

    /** Marks an input the fast path leaves to the library; never returned to callers. */
    private static final PhoneNumber UNDECIDED = new PhoneNumber();

    private PhoneNumber slowParse(String text, String defaultRegion) {
        try {
            return util.parse(text, defaultRegion);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** The parsed number, null for one the library refuses, or {@link #UNDECIDED}. */
    private PhoneNumber parseInternational(String text, String defaultRegion) {
        int n = text.length();
        if (n == 0 || n > 250 || !Chars.isDigit(text.charAt(n - 1))) {
            return UNDECIDED;
        }
        char[] digits = new char[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Chars.isDigit(c)) {
                digits[count++] = c;
            } else if (!(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\u00a0' || (c == '+' && i == 0))) {
                return UNDECIDED; // letters (an extension), other marks: the library's own reading
            }
        }
        int from;
        if (text.charAt(0) == '+') {
            from = 0;
        } else if (count >= 3 && digits[0] == '0' && digits[1] == '0' && digits[2] != '0' && text.charAt(0) == '0'
                && "00".equals(internationalPrefix(defaultRegion))) {
            from = 2; // the region's international prefix, followed by a country code
        } else {
            return UNDECIDED;
        }
        int rest = count - from;
        if (rest <= MIN_LENGTH_FOR_NSN || digits[from] == '0') {
            return UNDECIDED;
        }
        int countryCode = 0;
        int codeLength = 0;
        for (int i = 1; i <= MAX_LENGTH_COUNTRY_CODE && i <= rest; i++) {
            int candidate = 0;
            for (int k = 0; k < i; k++) {
                candidate = 10 * candidate + (digits[from + k] - '0');
            }
            if (supported[candidate]) {
                countryCode = candidate;
                codeLength = i;
                break;
            }
        }
        if (countryCode == 0) {
            return UNDECIDED;
        }
        CallingCode code = code(countryCode);
        int nationalStart = from + codeLength;
        int length = count - nationalStart;
        if (code == null || !code.nationalPrefixKnown) {
            return UNDECIDED;
        }
        char[] national = new char[length];
        System.arraycopy(digits, nationalStart, national, 0, length);
        if (code.nationalPrefix != null && length > 0 && code.nationalPrefix.matchesPrefix(national, length)) {
            return UNDECIDED; // the library may strip a national prefix here
        }
        if (length < MIN_LENGTH_FOR_NSN || length > MAX_LENGTH_FOR_NSN) {
            return null;
        }
        PhoneNumber number = new PhoneNumber().setCountryCode(countryCode);
        if (length > 1 && national[0] == '0') {
            number.setItalianLeadingZero(true);
            int zeros = 1;
            while (zeros < length - 1 && national[zeros] == '0') {
                zeros++;
            }
            if (zeros != 1) {
                number.setNumberOfLeadingZeros(zeros);
            }
        }
        long value = 0;
        for (int k = 0; k < length; k++) {
            value = 10 * value + (national[k] - '0');
        }
        return number.setNationalNumber(value);
    }

    private String internationalPrefix(String region) {
        PhoneMetadata metadata = util.getSupportedRegions().contains(region) ? source.getMetadataForRegion(region) : null;
        return metadata == null ? null : metadata.getInternationalPrefix();
    }

    /** The digits {@code getNationalSignificantNumber} returns, written into {@code out}; returns how many, or -1 if too many. */
    private static int nationalSignificantNumber(PhoneNumber number, char[] out) {
        int at = 0;
        if (number.isItalianLeadingZero() && number.getNumberOfLeadingZeros() > 0) {
            if (number.getNumberOfLeadingZeros() > out.length) {
                return -1;
            }
            for (int k = 0; k < number.getNumberOfLeadingZeros(); k++) {
                out[at++] = '0';
            }
        }
        // Long.toString's digits, written in place rather than through a String per number
        long value = number.getNationalNumber();
        if (value < 0) {
            return -1; // never from a parse; the library's own answer covers it
        }
        int length = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            length++;
        }
        if (at + length > out.length) {
            return -1;
        }
        for (int k = at + length - 1; k >= at; k--) {
            out[k] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + length;
    }

    private CallingCode code(int countryCode) {
        if (countryCode < 0 || countryCode >= supported.length || !supported[countryCode]) {
            return null;
        }
        CallingCode code = codes.get(countryCode);
        if (code == null) {
            code = compile(countryCode);
            codes.set(countryCode, code);
        }
        return code;
    }

    private CallingCode compile(int countryCode) {
        List<String> ids = util.getRegionCodesForCountryCode(countryCode);
        if (ids.isEmpty()) {
            return null;
        }
        // parse reads the national prefix of the calling code's main region (its first)
        String pattern = metadata(countryCode, ids.get(0)).getNationalPrefixForParsing();
        DigitAutomaton nationalPrefix = pattern.isEmpty() ? null : DigitAutomaton.compile(pattern);
        return new CallingCode(countryCode, ids.toArray(new String[0]), nationalPrefix,
                pattern.isEmpty() || nationalPrefix != null);
    }

    private PhoneMetadata metadata(int countryCode, String region) {
        return NON_GEO.equals(region) ? source.getMetadataForNonGeographicalRegion(countryCode) : source.getMetadataForRegion(region);
    }

    /**
     * The regions sharing one calling code, in libphonenumber's order, each region's plan compiled
     * when a number first reaches it (a US number never compiles the other 24 plans of +1), and the
     * code's national prefix.
     */
    private final class CallingCode {
        final int countryCode;
        final String[] ids;
        final AtomicReferenceArray<RegionPlan> plans;
        final DigitAutomaton nationalPrefix;
        final boolean nationalPrefixKnown;

        CallingCode(int countryCode, String[] ids, DigitAutomaton nationalPrefix, boolean nationalPrefixKnown) {
            this.countryCode = countryCode;
            this.ids = ids;
            this.plans = new AtomicReferenceArray<>(ids.length);
            this.nationalPrefix = nationalPrefix;
            this.nationalPrefixKnown = nationalPrefixKnown;
        }

        RegionPlan plan(int k) {
            RegionPlan plan = plans.get(k);
            if (plan == null) {
                plan = RegionPlan.of(ids[k], metadata(countryCode, ids[k]));
                plans.set(k, plan);
            }
            return plan;
        }

        /**
         * {@code getRegionCodeForNumber}: the only region, else the first whose leading digits or
         * number types fit; a plan that is not exact is returned as soon as the search needs it,
         * for the library to decide.
         */
        RegionPlan regionFor(char[] nsn, int length) {
            if (ids.length == 1) {
                return plan(0);
            }
            for (int k = 0; k < ids.length; k++) {
                RegionPlan region = plan(k);
                if (region.leadingDigits != null) {
                    if (region.leadingDigits.matchesPrefix(nsn, length)) {
                        return region;
                    }
                } else if (!region.exact() || region.hasType(nsn, length)) {
                    return region; // the caller asks the library about a plan that is not exact
                }
            }
            return null;
        }
    }

    /**
     * One region's plan: its leading digits, and {@code getNumberTypeHelper(...) != UNKNOWN} as
     * automata, compiled when first asked (a region of a shared code is often only told apart by
     * its leading digits).
     */
    private static final class RegionPlan {
        final String id;
        final PhoneMetadata metadata;
        final DigitAutomaton leadingDigits;
        final boolean leadingKnown;
        private volatile Types types;

        private RegionPlan(String id, PhoneMetadata metadata) {
            this.id = id;
            this.metadata = metadata;
            this.leadingDigits = metadata.hasLeadingDigits() ? DigitAutomaton.compile(metadata.getLeadingDigits()) : null;
            this.leadingKnown = !metadata.hasLeadingDigits() || leadingDigits != null;
        }

        static RegionPlan of(String id, PhoneMetadata metadata) {
            return new RegionPlan(id, metadata);
        }

        /** True if every pattern of the plan is held by an automaton, so its answers are the library's. */
        boolean exact() {
            return leadingKnown && types().exact;
        }

        boolean hasType(char[] nsn, int length) {
            return types().hasType(nsn, length);
        }

        private Types types() {
            Types compiled = types;
            if (compiled == null) {
                compiled = Types.of(metadata);
                types = compiled;
            }
            return compiled;
        }
    }

    /**
     * The general pattern and the number types of one region: the types {@code getNumberTypeHelper}
     * tries, fixed line and mobile first. Whether some type fits does not depend on the order they
     * are tried in; a valid number is mostly one of those two, and they used to come after eight
     * automata that would not take it.
     */
    private static final class Types {
        final Desc general;
        final Desc[] types;
        final boolean exact;

        private Types(Desc general, Desc[] types, boolean exact) {
            this.general = general;
            this.types = types;
            this.exact = exact;
        }

        static Types of(PhoneMetadata metadata) {
            Desc general = Desc.of(metadata.getGeneralDesc());
            // mobile counts only when its pattern differs from fixed line's
            PhoneNumberDesc[] descs = metadata.getSameMobileAndFixedLinePattern()
                    ? new PhoneNumberDesc[] {metadata.getFixedLine(), metadata.getPremiumRate(), metadata.getTollFree(),
                        metadata.getSharedCost(), metadata.getVoip(), metadata.getPersonalNumber(), metadata.getPager(),
                        metadata.getUan(), metadata.getVoicemail()}
                    : new PhoneNumberDesc[] {metadata.getFixedLine(), metadata.getMobile(), metadata.getPremiumRate(),
                        metadata.getTollFree(), metadata.getSharedCost(), metadata.getVoip(), metadata.getPersonalNumber(),
                        metadata.getPager(), metadata.getUan(), metadata.getVoicemail()};
            Desc[] types = new Desc[descs.length];
            boolean exact = general.exact;
            for (int k = 0; k < descs.length; k++) {
                types[k] = Desc.of(descs[k]);
                exact &= types[k].exact;
            }
            return new Types(general, types, exact);
        }

        boolean hasType(char[] nsn, int length) {
            if (!general.matches(nsn, length)) {
                return false;
            }
            for (Desc type : types) {
                if (type.matches(nsn, length)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code isNumberMatchingDesc}: the possible lengths (when listed), then the whole-number pattern. */
    private static final class Desc {
        private static final Desc NEVER = new Desc(new boolean[0], false, null, true);

        final boolean[] lengths;
        final boolean anyLength;
        final DigitAutomaton pattern;
        final boolean exact;

        private Desc(boolean[] lengths, boolean anyLength, DigitAutomaton pattern, boolean exact) {
            this.lengths = lengths;
            this.anyLength = anyLength;
            this.pattern = pattern;
            this.exact = exact;
        }

        static Desc of(PhoneNumberDesc desc) {
            String regex = desc.getNationalNumberPattern();
            if (regex.isEmpty()) {
                return NEVER; // matchNationalNumber refuses an empty pattern
            }
            List<Integer> possible = desc.getPossibleLengthList();
            boolean[] lengths = new boolean[MAX_LENGTH_FOR_NSN + 4];
            for (int length : possible) {
                if (length >= 0 && length < lengths.length) {
                    lengths[length] = true;
                }
            }
            DigitAutomaton pattern = DigitAutomaton.compile(regex);
            return new Desc(lengths, possible.isEmpty(), pattern, pattern != null);
        }

        boolean matches(char[] nsn, int length) {
            if (pattern == null) {
                return false;
            }
            if (!anyLength && (length >= lengths.length || !lengths[length])) {
                return false;
            }
            return pattern.matches(nsn, length);
        }
    }
}
