package dev.veil.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    private static final String SECRET = "4111111111111111";
    private final JsonBodies bodies = JsonBodies.of(4, 16);

    private static HttpException failure(JsonBodies bodies, String json) {
        return catchThrowableOfType(HttpException.class, () -> bodies.read(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsDocumentsWithinTheLimits() {
        assertThat(bodies.read("{\"a\":[[{\"b\":\"0123456789abcdef\"}]]}".getBytes(StandardCharsets.UTF_8))
                .at("/a/0/0/b").asText()).hasSize(16);
    }

    @Test
    void refusesDocumentsTooDeep() {
        HttpException e = failure(bodies, "{\"a\":[[[{}]]]}");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("too_deep");
    }

    @Test
    void refusesStringsOneCharacterTooLongWithoutQuotingThem() {
        HttpException value = failure(bodies, "{\"card\":\"" + SECRET + "x\"}");
        assertThat(value.code()).isEqualTo("string_too_long");
        assertThat(value.detail()).doesNotContain(SECRET);
        assertThat(failure(bodies, "{\"" + SECRET + "x\":1}").code()).isEqualTo("string_too_long");
        HttpException big = failure(JsonBodies.of(4, 1000), "[\"" + "9".repeat(5000) + "\"]");
        assertThat(big.code()).isEqualTo("string_too_long");
    }

    @Test
    void refusesDuplicateMemberNamesWithoutNamingThem() {
        HttpException e = failure(bodies, "{\"text\": \"a\", \"" + SECRET + "\": 1, \"" + SECRET + "\": 2}");
        assertThat(e.code()).isEqualTo("duplicate_key");
        assertThat(e.detail()).doesNotContain(SECRET).contains("twice").contains("line 1");
        assertThat(failure(bodies, "{\"a\": {\"text\": \"x\", \"text\": \"y\"}}").code()).isEqualTo("duplicate_key");
    }

    @Test
    void refusesBadJsonNamingOnlyThePosition() {
        HttpException e = failure(bodies, "{\"card\": " + SECRET + "x}");
        assertThat(e.code()).isEqualTo("invalid_json");
        assertThat(e.detail()).doesNotContain(SECRET).contains("line 1");
        assertThat(failure(bodies, "").code()).isEqualTo("empty_document");
        assertThat(failure(bodies, "{} {").code()).isEqualTo("invalid_json");
        assertThat(failure(bodies, "{} {}").code()).isEqualTo("invalid_json");
    }
}
