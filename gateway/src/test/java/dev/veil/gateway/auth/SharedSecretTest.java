package dev.veil.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The one secret holder in both its written forms: what its key is, how it compares and how it is shown. */
class SharedSecretTest {

    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void aTextSecretIsKeyedByItsUtf8BytesAndAWhsecSecretByItsDecodedBytes() {
        byte[] data = "payload".getBytes(StandardCharsets.UTF_8);
        String key = "0123456789abcdef01234567";
        SharedSecret text = SharedSecret.of(key);
        SharedSecret whsec = SharedSecret.standardWebhooks("whsec_" + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)));
        assertThat(whsec.hmac("HmacSHA256", data)).isEqualTo(text.hmac("HmacSHA256", data));
        assertThat(SharedSecret.standardWebhooks(WHSEC).hmac("HmacSHA256", data)).isNotEqualTo(text.hmac("HmacSHA256", data));
        assertThat(whsec.hmac("HmacSHA256", "pay".getBytes(StandardCharsets.UTF_8), "load".getBytes(StandardCharsets.UTF_8)))
                .as("parts are fed in turn").isEqualTo(whsec.hmac("HmacSHA256", data));
        assertThat(whsec).as("the same key in another written form").isNotEqualTo(text);
    }

    @Test
    void revealGivesTheSecretAsWrittenAndReadsBack() {
        assertThat(SharedSecret.of("0123456789abcdef-text").reveal()).isEqualTo("0123456789abcdef-text");
        assertThat(SharedSecret.standardWebhooks(WHSEC).reveal()).isEqualTo(WHSEC);
        SharedSecret generated = SharedSecret.generate(new SecureRandom());
        assertThat(SharedSecret.standardWebhooks(generated.reveal())).isEqualTo(generated);
    }

    @Test
    void matchesComparesTheWrittenFormOnly() {
        SharedSecret token = SharedSecret.of("tok-0123456789abcdef");
        assertThat(token.matches("tok-0123456789abcdef")).isTrue();
        assertThat(token.matches("tok-0123456789abcdeF")).isFalse();
        assertThat(token.matches("tok-0123456789abcde")).isFalse();
        assertThat(token.matches(null)).isFalse();
        SharedSecret whsec = SharedSecret.standardWebhooks(WHSEC);
        assertThat(whsec.matches(WHSEC)).isTrue();
        assertThat(whsec.matches(WHSEC.substring(6))).isFalse();
    }

    @Test
    void equalityNeedsTheSameBytesInTheSameForm() {
        assertThat(SharedSecret.standardWebhooks(WHSEC)).isEqualTo(SharedSecret.standardWebhooks(WHSEC))
                .hasSameHashCodeAs(SharedSecret.standardWebhooks(WHSEC));
        assertThat(SharedSecret.of(WHSEC)).as("the same text read as text is another key").isNotEqualTo(SharedSecret.standardWebhooks(WHSEC));
        assertThat(SharedSecret.of("0123456789abcdef-one")).isNotEqualTo(SharedSecret.of("0123456789abcdef-two"));
    }

    @Test
    void badSecretsAreRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> SharedSecret.of("short-secret")).hasFieldOrPropertyWithValue("code", "bad_secret")
                .hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> SharedSecret.of(" ".repeat(20))).hasFieldOrPropertyWithValue("code", "bad_secret");
        assertThatThrownBy(() -> SharedSecret.standardWebhooks("whsec_c2hvcnQ=")).hasFieldOrPropertyWithValue("code", "bad_secret")
                .hasMessageNotContaining("c2hvcnQ");
        assertThat(SharedSecret.standardWebhooks(WHSEC).toString()).doesNotContain(WHSEC.substring(6));
        assertThat(SharedSecret.of("a-very-secret-value-123").toString()).doesNotContain("very");
    }
}
