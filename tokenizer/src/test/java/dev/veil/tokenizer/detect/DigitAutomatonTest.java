package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class DigitAutomatonTest {

    @Test
    void theMetadataSyntax() {
        assertAgrees("\\d{3}", "123", "12", "1234", "");
        assertAgrees("1(?:2|3[45])?\\d{2,3}", "1", "199", "1999", "12999", "134999", "1349999", "13599999", "136999");
        assertAgrees("[2-9]\\d{2}[^01]", "2002", "2012", "9992", "1992");
        assertAgrees("(?:0|180020)(\\d{3})?", "0", "0123", "180020", "180020999", "1800", "012");
        assertAgrees("(?:1\\d*|2+|3?)5{2,}", "15", "155", "1999955", "2255", "355", "55", "555", "5");
        assertAgrees("(?:)|7", "", "7", "77");
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThat(DigitAutomaton.compile("a")).isNull();
        assertThat(DigitAutomaton.compile("\\w")).isNull();
        assertThat(DigitAutomaton.compile("1(?=2)")).isNull();
        assertThat(DigitAutomaton.compile("(12")).isNull();
        assertThat(DigitAutomaton.compile("[a-z]")).isNull();
        assertThat(DigitAutomaton.compile("1{3,2}")).isNull();
    }

    /**
     * Every pattern of every region's plan (the number types, leading digits and national prefix),
     * on its example numbers, their one-digit changes, prefixes and extensions, and random digit
     * strings: the automaton and {@code java.util.regex} agree on {@code matches} and {@code lookingAt}.
     */
    @Test
    void agreesWithTheRegexOnEveryNumberingPlan() {
        Random random = new Random(12);
        int compiled = 0;
        for (PhoneMetadata metadata : allMetadata()) {
            List<String> examples = new ArrayList<>();
            List<String> patterns = new ArrayList<>();
            for (PhoneNumberDesc desc : descs(metadata)) {
                if (!desc.getNationalNumberPattern().isEmpty()) {
                    patterns.add(desc.getNationalNumberPattern());
                }
                if (desc.hasExampleNumber()) {
                    examples.add(desc.getExampleNumber());
                }
            }
            if (metadata.hasLeadingDigits()) {
                patterns.add(metadata.getLeadingDigits());
            }
            String nationalPrefix = metadata.getNationalPrefixForParsing();
            if (!nationalPrefix.isEmpty()) {
                patterns.add(nationalPrefix);
            }
            Set<String> inputs = inputs(examples, random);
            for (String regex : patterns) {
                DigitAutomaton automaton = DigitAutomaton.compile(regex);
                if (automaton == null && regex.equals(nationalPrefix)) {
                    // a few national prefixes use $ or groups for their transform rule: PhonePlans leaves those to the library
                    continue;
                }
                assertThat(automaton).as("%s: %s", metadata.getId(), regex).isNotNull();
                compiled++;
                Pattern pattern = Pattern.compile(regex);
                for (String input : inputs) {
                    char[] digits = input.toCharArray();
                    assertThat(automaton.matches(digits, digits.length)).as("%s matches %s", regex, input)
                            .isEqualTo(pattern.matcher(input).matches());
                    assertThat(automaton.matchesPrefix(digits, digits.length)).as("%s lookingAt %s", regex, input)
                            .isEqualTo(pattern.matcher(input).lookingAt());
                }
            }
        }
        assertThat(compiled).isGreaterThan(1500);
    }

    @Property(tries = 300)
    void agreesOnRandomDigitsForTheDetectorsRegions(@ForAll @StringLength(max = 14) @CharRange(from = '0', to = '9') String digits) {
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        for (String region : List.of("US", "GB", "ES")) {
            for (PhoneNumberDesc desc : descs(source.getMetadataForRegion(region))) {
                String regex = desc.getNationalNumberPattern();
                if (!regex.isEmpty()) {
                    DigitAutomaton automaton = DigitAutomaton.compile(regex);
                    assertThat(automaton.matches(digits.toCharArray(), digits.length()))
                            .isEqualTo(Pattern.compile(regex).matcher(digits).matches());
                }
            }
        }
    }

    static List<PhoneMetadata> allMetadata() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        List<PhoneMetadata> all = new ArrayList<>();
        for (String region : util.getSupportedRegions()) {
            all.add(source.getMetadataForRegion(region));
        }
        for (int code : util.getSupportedGlobalNetworkCallingCodes()) {
            all.add(source.getMetadataForNonGeographicalRegion(code));
        }
        return all;
    }

    static List<PhoneNumberDesc> descs(PhoneMetadata m) {
        return List.of(m.getGeneralDesc(), m.getFixedLine(), m.getMobile(), m.getTollFree(), m.getPremiumRate(),
                m.getSharedCost(), m.getPersonalNumber(), m.getVoip(), m.getPager(), m.getUan(), m.getVoicemail());
    }

    /** The examples, each with every one-digit change, deletion and insertion and every prefix, plus random strings. */
    static Set<String> inputs(List<String> examples, Random random) {
        Set<String> inputs = new LinkedHashSet<>();
        for (String example : examples) {
            inputs.add(example);
            for (int i = 0; i < example.length(); i++) {
                inputs.add(example.substring(0, i));
                inputs.add(example.substring(0, i) + example.substring(i + 1));
                for (char d = '0'; d <= '9'; d++) {
                    inputs.add(example.substring(0, i) + d + example.substring(i + 1));
                }
                inputs.add(example.substring(0, i) + (char) ('0' + random.nextInt(10)) + example.substring(i));
            }
            inputs.add(example + random.nextInt(10));
        }
        for (int k = 0; k < 40; k++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(18);
            for (int i = 0; i < length; i++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
            inputs.add(s.toString());
        }
        return inputs;
    }

    private static void assertAgrees(String regex, String... inputs) {
        DigitAutomaton automaton = DigitAutomaton.compile(regex);
        assertThat(automaton).as(regex).isNotNull();
        Pattern pattern = Pattern.compile(regex);
        for (String input : inputs) {
            assertThat(automaton.matches(input.toCharArray(), input.length())).as("%s matches %s", regex, input)
                    .isEqualTo(pattern.matcher(input).matches());
            assertThat(automaton.matchesPrefix(input.toCharArray(), input.length())).as("%s lookingAt %s", regex, input)
                    .isEqualTo(pattern.matcher(input).lookingAt());
        }
    }
}
