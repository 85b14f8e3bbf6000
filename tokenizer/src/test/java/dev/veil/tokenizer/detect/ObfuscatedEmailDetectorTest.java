package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObfuscatedEmailDetectorTest {

    private final ObfuscatedEmailDetector detector = new ObfuscatedEmailDetector();

    @ParameterizedTest
    @ValueSource(strings = {
        "ana.ruiz at acme dot com", "ana.ruiz [at] acme.com", "ana.ruiz (at) acme (dot) co (dot) uk",
        "ana.ruiz @ acme . com", "ana_ruiz arroba correo punto es", "ana.ruiz{at}acme{dot}com", "ana.ruiz@\nacme.com",
        "ana.ruiz [arroba] correo [punto] es", "ana.ruiz AT acme DOT com", "ana.ruiz[@]acme.com",
    })
    void findsObfuscatedAddresses(String address) {
        assertThat(Found.values(detector, "write to " + address + ", thanks")).containsExactly(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I work at acme.com these days", "meet me at home", "look at this dot product", "we met at 5 dot 30",
        "arrived at the office dot", "price @ 5.99 each",
    })
    void leavesOrdinaryText(String text) {
        assertThat(Found.values(detector, text)).isEmpty();
    }

    @Test
    void plainAddressesAreLeftToTheEmailDetector() {
        String text = "mail ana@acme.com";
        assertThat(DetectorRegistry.defaults().detect(text)).singleElement()
                .satisfies(span -> assertThat(span.confidence()).isEqualTo(0.9));
    }
}
