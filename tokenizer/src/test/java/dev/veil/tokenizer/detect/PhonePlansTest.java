package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link PhonePlans} gives libphonenumber's own answers, checked against the library on every plan. */
class PhonePlansTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String SEPARATORS = " -.()\u00a0";

    /** The library logs every unknown country code it is asked about at INFO; the property tests ask about many. */
    private static final Logger LIBRARY_LOG = Logger.getLogger(PhoneNumberUtil.class.getName());

    static {
        LIBRARY_LOG.setLevel(Level.WARNING);
    }

    private final PhonePlans plans = new PhonePlans(UTIL);

    /** Every region's example numbers and their one-digit changes, deletions and insertions, with and without a leading zero kept. */
    @Test
    void validityAgreesWithTheLibraryOnEveryPlan() {
        Random random = new Random(7);
        int valid = 0;
        int checked = 0;
        for (PhoneMetadata metadata : DigitAutomatonTest.allMetadata()) {
            List<String> examples = new ArrayList<>();
            for (PhoneNumberDesc desc : DigitAutomatonTest.descs(metadata)) {
                if (desc.hasExampleNumber()) {
                    examples.add(desc.getExampleNumber());
                }
            }
            for (String nsn : DigitAutomatonTest.inputs(examples, random)) {
                if (nsn.isEmpty() || nsn.length() > 17) {
                    continue;
                }
                PhoneNumber number = number(metadata.getCountryCode(), nsn);
                boolean expected = UTIL.isValidNumber(number);
                assertThat(plans.isValidNumber(number)).as("+%d %s", metadata.getCountryCode(), nsn).isEqualTo(expected);
                String region = metadata.getId();
                assertThat(plans.isValidNumberForRegion(number, region)).as("%s %s", region, nsn)
                        .isEqualTo(UTIL.isValidNumberForRegion(number, region));
                for (String other : List.of("US", "GB", "ES")) {
                    assertThat(plans.isValidNumberForRegion(number, other)).as("%s as %s", nsn, other)
                            .isEqualTo(UTIL.isValidNumberForRegion(number, other));
                }
                valid += expected ? 1 : 0;
                checked++;
            }
        }
        assertThat(valid).isGreaterThan(1000);
        assertThat(checked - valid).isGreaterThan(1000);
    }

    @Property(tries = 1000)
    void validityAgreesForAnyDigitsInTheDetectorsCountries(@ForAll("countryCodes") int countryCode,
            @ForAll @IntRange(min = 0, max = 999_999_999) int high, @ForAll @IntRange(min = 1, max = 12) int length) {
        String nsn = String.format("%012d", (long) high * 1009L % 1_000_000_000_000L).substring(12 - length);
        PhoneNumber number = number(countryCode, nsn);
        assertThat(plans.isValidNumber(number)).isEqualTo(UTIL.isValidNumber(number));
        for (String region : List.of("US", "GB", "ES")) {
            assertThat(plans.isValidNumberForRegion(number, region)).isEqualTo(UTIL.isValidNumberForRegion(number, region));
        }
    }

    @Test
    void parsesInternationalNumbersAsTheLibraryDoes() {
        for (String text : List.of("+44 20 7946 0958", "+44 (0)20 7946 0958", "+1 202 456 1111", "+1-202-456-1111",
                "+34 612 345 678", "+34612345678", "0034 612 345 678", "0044 20 7946 0958", "+353 1 234 5678",
                "+49 30 901820", "+39 06 1234 5678", "+390612345678", "+0044 20 7946 0958", "+12", "+1 1202 456 1111",
                "+225 07 12 34 56 78", "+7 (495) 123-45-67", "+800 1234 5678", "+44 20 7946 0958 x12", "0000 123 456",
                "+999 123 456 789", "+54 9 11 1234 5678", "+61\u00a02 9876 5432", "+44 020 7946 0958")) {
            for (String region : List.of("GB", "US", "ES")) {
                assertThat(plans.parse(text, region)).as("%s in %s", text, region).isEqualTo(libraryParse(text, region));
            }
        }
        // the usual international numbers are read here; a national prefix or an extension is left to the library
        for (String text : List.of("+44 20 7946 0958", "+1 202 456 1111", "+34612345678", "+353 1 234 5678", "0034 612 345 678")) {
            assertThat(plans.parsesItself(text, "GB")).as(text).isTrue();
        }
        for (String text : List.of("+44 (0)20 7946 0958", "+1 1202 456 1111", "+44 20 7946 0958 x12", "+0044 20 7946 0958")) {
            assertThat(plans.parsesItself(text, "GB")).as(text).isFalse();
        }
    }

    /** Numbers with a country code in any grouping a person types, and noise around them. */
    @Property(tries = 3000)
    void parseAgreesWithTheLibrary(@ForAll("writtenNumbers") String text) {
        assertThat(plans.parse(text, "GB")).as(text).isEqualTo(libraryParse(text, "GB"));
    }

    @Provide
    Arbitrary<Integer> countryCodes() {
        return Arbitraries.oneOf(Arbitraries.of(1, 44, 34, 7, 39, 49, 33, 351, 353, 54, 55, 61, 800, 979, 881),
                Arbitraries.integers().between(1, 999));
    }

    @Provide
    Arbitrary<String> writtenNumbers() {
        Arbitrary<String> code = Arbitraries.of("1", "44", "34", "7", "39", "49", "351", "353", "54", "61", "800", "1268",
                "0", "44 (0)", "00", "999", "");
        Arbitrary<String> body = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(4)
                .list().ofMinSize(1).ofMaxSize(5)
                .flatMap(groups -> Arbitraries.strings().withChars(SEPARATORS).ofMinLength(1).ofMaxLength(2)
                        .list().ofSize(groups.size()).map(seps -> {
                            StringBuilder s = new StringBuilder();
                            for (int k = 0; k < groups.size(); k++) {
                                s.append(seps.get(k)).append(groups.get(k));
                            }
                            return s.toString();
                        }));
        Arbitrary<String> start = Arbitraries.of("+", "00", "+ ", "0", "");
        Arbitrary<String> tail = Arbitraries.of("", "", "", " x12", "ext. 4", "#", ")");
        return net.jqwik.api.Combinators.combine(start, code, body, tail).as((s, c, b, t) -> s + c + b + t);
    }

    private static PhoneNumber number(int countryCode, String nsn) {
        PhoneNumber number = new PhoneNumber().setCountryCode(countryCode).setNationalNumber(Long.parseLong(nsn));
        if (nsn.length() > 1 && nsn.charAt(0) == '0') {
            number.setItalianLeadingZero(true);
            int zeros = 1;
            while (zeros < nsn.length() - 1 && nsn.charAt(zeros) == '0') {
                zeros++;
            }
            number.setNumberOfLeadingZeros(zeros);
        }
        return number;
    }

    private static PhoneNumber libraryParse(String text, String region) {
        try {
            return UTIL.parse(text, region);
        } catch (NumberParseException e) {
            return null;
        }
    }
}
