package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailDetectorTest {

    private final EmailDetector detector = new EmailDetector();

    @Test
    void findsAddressesWithExactSpans() {
        String text = "Write to ana.garcia+billing@correo.example.es, or (bob_99@mail.example.com).";
        List<Span> spans = Found.spans(detector, text);
        assertThat(spans).extracting(Span::start).containsExactly(9, 51);
        assertThat(Found.values(detector, text)).containsExactly("ana.garcia+billing@correo.example.es", "bob_99@mail.example.com");
        assertThat(spans).allSatisfy(span -> assertThat(span.confidence()).isEqualTo(0.9));
    }

    @Test
    void stopsAtSentencePunctuationAndQuotes() {
        assertThat(Found.values(detector, "Mi correo es lucía@dominio.es. Gracias")).containsExactly("lucía@dominio.es");
        assertThat(Found.values(detector, "\"'jo@example.org'\"")).containsExactly("jo@example.org");
        assertThat(Found.values(detector, "<a.b@c-d.example>")).containsExactly("a.b@c-d.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ping @here in the channel",
        "a@b and a@b.c (one-letter TLD)",
        "user@localhost",
        "double..dot@example.com",
        "trailing.@example.com",
        "user@-bad.example.com",
        "user@example.123",
        "price 5@10 each",
    })
    void doesNotFlagNonAddresses(String text) {
        assertThat(Found.values(detector, text)).isEmpty();
    }
}
