package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** {@link PhoneFormats} writes what libphonenumber's {@code format} writes, checked against the library. */
class PhoneFormatsTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Logger LIBRARY_LOG = Logger.getLogger(PhoneNumberUtil.class.getName());

    static {
        LIBRARY_LOG.setLevel(Level.WARNING);
    }

    private final PhoneFormats formats = new PhoneFormats(UTIL);

    /** Every calling code's example numbers, each digit changed, one dropped and one added, in both styles. */
    @Test
    void everyCallingCodesExampleNumbersAndTheirNeighboursAreWrittenAsTheLibraryWritesThem() {
        int checked = 0;
        for (String region : UTIL.getSupportedRegions()) {
            for (PhoneNumberUtil.PhoneNumberType type : PhoneNumberUtil.PhoneNumberType.values()) {
                PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                for (PhoneNumber number : neighbours(example)) {
                    assertSameAsLibrary(number);
                    checked++;
                }
            }
        }
        for (int code : UTIL.getSupportedGlobalNetworkCallingCodes()) {
            PhoneNumber example = UTIL.getExampleNumberForNonGeoEntity(code);
            if (example != null) {
                for (PhoneNumber number : neighbours(example)) {
                    assertSameAsLibrary(number);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    /** The detector's countries are written without the library (else this class would save nothing). */
    @Test
    void theDetectorsCountriesAreWrittenWithoutTheLibrary() {
        for (String region : List.of("US", "GB", "ES")) {
            PhoneNumber example = UTIL.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.MOBILE);
            assertThat(formats.ownFormat(example, PhoneNumberFormat.NATIONAL)).as(region).isNotNull();
            assertThat(formats.ownFormat(example, PhoneNumberFormat.INTERNATIONAL)).as(region).isNotNull();
        }
    }

    @Property(tries = 3000)
    void randomNumbersOfTheDetectorsCountriesAreWrittenAsTheLibraryWritesThem(
            @ForAll @IntRange(min = 0, max = 5) int code, @ForAll @LongRange(min = 0, max = 999_999_999_999L) long national,
            @ForAll @IntRange(min = 0, max = 3) int leadingZeros) {
        int[] codes = {1, 44, 34, 33, 49, 39};
        PhoneNumber number = new PhoneNumber().setCountryCode(codes[code]).setNationalNumber(national);
        if (leadingZeros > 0) {
            number.setItalianLeadingZero(true).setNumberOfLeadingZeros(leadingZeros);
        }
        assertSameAsLibrary(number);
    }

    @Test
    void anExtensionOrAnUnknownCallingCodeIsLeftToTheLibrary() {
        assertSameAsLibrary(new PhoneNumber().setCountryCode(44).setNationalNumber(2079460000L).setExtension("123"));
        assertSameAsLibrary(new PhoneNumber().setCountryCode(999).setNationalNumber(2079460000L));
        assertThat(formats.format(new PhoneNumber().setCountryCode(1).setNationalNumber(2125550100L), PhoneNumberFormat.NATIONAL))
                .isEqualTo("(212) 555-0100");
    }

    private void assertSameAsLibrary(PhoneNumber number) {
        for (PhoneNumberFormat style : new PhoneNumberFormat[] {PhoneNumberFormat.NATIONAL, PhoneNumberFormat.INTERNATIONAL}) {
            assertThat(formats.format(number, style)).as("%s %s", style, number).isEqualTo(UTIL.format(number, style));
        }
    }

    private static List<PhoneNumber> neighbours(PhoneNumber example) {
        String nsn = UTIL.getNationalSignificantNumber(example);
        List<String> variants = new ArrayList<>();
        variants.add(nsn);
        for (int i = 0; i < nsn.length(); i++) {
            for (char d = '0'; d <= '9'; d++) {
                variants.add(nsn.substring(0, i) + d + nsn.substring(i + 1));
            }
            variants.add(nsn.substring(0, i) + nsn.substring(i + 1));
            variants.add(nsn.substring(0, i) + '5' + nsn.substring(i));
        }
        List<PhoneNumber> numbers = new ArrayList<>();
        for (String digits : variants) {
            if (digits.isEmpty() || digits.length() > 17) {
                continue;
            }
            PhoneNumber number = new PhoneNumber().setCountryCode(example.getCountryCode())
                    .setNationalNumber(Long.parseLong(digits));
            int zeros = 0;
            while (zeros < digits.length() - 1 && digits.charAt(zeros) == '0') {
                zeros++;
            }
            if (zeros > 0) {
                number.setItalianLeadingZero(true).setNumberOfLeadingZeros(zeros);
            }
            numbers.add(number);
        }
        return numbers;
    }
}
