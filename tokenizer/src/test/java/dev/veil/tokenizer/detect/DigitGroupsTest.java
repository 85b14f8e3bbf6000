package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigitGroupsTest {

    @Test
    void readsGroupsJoinedByAnySeparatorAPersonTypes() {
        DigitGroups run = new DigitGroups(8);
        String text = "x 12 - 345.67/8  90. 1, 23";
        int end = run.read(text, 2, Integer.MAX_VALUE, false);
        assertThat(text.substring(2, end)).isEqualTo("12 - 345.67/8  90. 1");
        assertThat(run.count()).isEqualTo(6);
        assertThat(run.digits()).isEqualTo(11);
        assertThat(run.complete()).isTrue();
        assertThat(text.substring(run.start(1), run.end(1))).isEqualTo("345");
        assertThat(run.digits(1, 3)).isEqualTo(6);
        char[] digits = new char[4];
        assertThat(run.copyDigits(text.toCharArray(), 0, 5, digits)).isEqualTo(4);
        assertThat(new String(digits)).isEqualTo("1234");
    }

    @Test
    void atMostOneLineBreakInTheWholeValue() {
        DigitGroups run = new DigitGroups(8);
        String text = "12 34\n56\r\n78";
        assertThat(text.substring(0, run.read(text, 0, 99, false))).isEqualTo("12 34\n56");
        assertThat(run.lineBreak()).isTrue();
        assertThat(text.substring(0, run.read(text, 0, 3, false))).isEqualTo("12 34");
        assertThat(run.lineBreak()).isFalse();
    }

    @Test
    void stopsAfterTheDigitLimitAndCountsGroupsPastTheCapacity() {
        DigitGroups run = new DigitGroups(2);
        String text = "1 2 3 4 5";
        assertThat(run.read(text, 0, 99, false)).isEqualTo(text.length());
        assertThat(run.count()).isEqualTo(5);
        assertThat(run.known()).isEqualTo(2);
        assertThat(run.complete()).isFalse();
        assertThat(run.read(text, 0, 3, false)).isEqualTo(5);
        assertThat(run.count()).isEqualTo(3);
    }

    @Test
    void parenthesesJoinGroupsOnlyWhenAsked() {
        DigitGroups run = new DigitGroups(4);
        String text = "202) (456) 1111";
        assertThat(run.read(text, 0, 99, false)).isEqualTo(3);
        assertThat(text.substring(0, run.read(text, 0, 99, true))).isEqualTo(text);
    }
}
