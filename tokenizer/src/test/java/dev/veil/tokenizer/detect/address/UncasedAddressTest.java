package dev.veil.tokenizer.detect.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.PiiType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The uncased reading keeps the last street line it rejected and rejects the later house numbers on
 * it without reading them again: only where a later number must read that line the same way. Each
 * text below has a first number whose line is rejected, and a later number on that line that reads
 * an address.
 */
class UncasedAddressTest {

    private final DetectorRegistry registry = DetectorRegistry.builder().add(AddressDetector.defaults()).build();

    @Test
    void aStreetTypeTooFarIntoTheFirstLineStillTypesALaterOne() {
        // from 10 "avenue" is the fifth word of the name, too far to type the street; from 12 it is the third
        assertThat(addresses("ship to 10 11 12 13 14 fourth avenue alberta, thanks"))
                .containsExactly("12 13 14 fourth avenue alberta");
    }

    @Test
    void aLineRejectedOnASentenceWordAfterAStreetTypeIsReadAgain() {
        // from 10 the line runs on to "and"; from 12 it is typed and ends at "alberta."
        assertThat(addresses("ship to 10 11 12 13 14 fourth avenue alberta. and then"))
                .containsExactly("12 13 14 fourth avenue alberta");
    }

    @Test
    void aLineCutAtTheMostTokensIsReadAgainFromALaterNumber() {
        // from 1 the line stops after nine tokens, at "10"; from 2 it reaches the line break
        assertThat(addresses("codes 1 2 3 4 5 6 7 8 9 10 11\nkorsvik\nnorway 61089"))
                .containsExactly("2 3 4 5 6 7 8 9 10 11\nkorsvik\nnorway 61089");
    }

    private List<String> addresses(String text) {
        return registry.detect(text).stream()
                .filter(span -> span.type() == PiiType.ADDRESS)
                .map(span -> text.substring(span.start(), span.end()))
                .toList();
    }
}
