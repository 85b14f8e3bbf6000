package dev.veil.tokenizer.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class HashFormatTest {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final TestKeys keys = new TestKeys();
    private final HashFormat format = HashFormat.builder(keys, "acme/hash", "acme").prefix("cust_").build();

    @Test
    void matchesAnIndependentHmacSha256Computation() throws Exception {
        String value = "maria.garcia@example.com";
        assertThat(format.tokenize(value).text()).isEqualTo("cust_" + expected("acme", value, 16, 1));
        HashFormat long43 = HashFormat.builder(keys, "acme/hash", "acme").length(43).build();
        assertThat(long43.tokenize(value).text()).isEqualTo(expected("acme", value, 43, 1));
    }

    @Property(tries = 200)
    void isStableShortAndBase62(@ForAll String value) {
        Token token = format.tokenize(value);
        assertThat(token.text()).matches("cust_[0-9A-Za-z]{16}");
        assertThat(token.keyVersion()).isEqualTo(1);
        assertThat(format.tokenize(value)).isEqualTo(token);
    }

    @Test
    void separatesValuesAndNamespaces() {
        HashFormat globex = HashFormat.builder(keys, "acme/hash", "globex").prefix("cust_").build();
        HashFormat shifted = HashFormat.builder(keys, "acme/hash", "acm").prefix("cust_").build();
        String a = format.tokenize("customer-1").text();
        assertThat(format.tokenize("customer-2").text()).isNotEqualTo(a);
        assertThat(globex.tokenize("customer-1").text()).isNotEqualTo(a);
        // The namespace is length-prefixed, so moving a character between namespace and value changes the MAC.
        assertThat(shifted.tokenize("ecustomer-1").text()).isNotEqualTo(format.tokenize("customer-1").text());
    }

    @Test
    void rotationChangesThePseudonymAndRecordsTheVersion() throws Exception {
        Token v1 = format.tokenize("customer-1");
        keys.rotate("acme/hash");
        Token v2 = format.tokenize("customer-1");
        assertThat(v2.keyVersion()).isEqualTo(2);
        assertThat(v2.text()).isNotEqualTo(v1.text()).isEqualTo("cust_" + expected("acme", "customer-1", 16, 2));
    }

    @Test
    void validatesItsParameters() {
        assertThatThrownBy(() -> HashFormat.builder(keys, "k", "ns").length(7).build())
                .hasMessage("length: 7 (expected: 8 to 43)");
        assertThatThrownBy(() -> HashFormat.builder(keys, "k", "ns").length(44).build())
                .hasMessage("length: 44 (expected: 8 to 43)");
        assertThatThrownBy(() -> HashFormat.builder(keys, "k", "").build())
                .hasMessage("namespace: 0 UTF-8 bytes (expected: 1 to 256)");
        assertThatThrownBy(() -> HashFormat.builder(keys, "k", "ns").prefix("a b").build())
                .hasMessageStartingWith("prefix: a b (expected:");
        assertThat(HashFormat.builder(keys, "k", "ns").length(8).build().tokenize("x").text()).hasSize(8);
        assertThat(HashFormat.builder(keys, "k", "ns").build().name()).isEqualTo("hash");
    }

    private String expected(String namespace, String value, int length, int version) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keys.version("acme/hash", version).key().getEncoded(), "HmacSHA256"));
        byte[] ns = namespace.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(4).putInt(ns.length).array());
        mac.update(ns);
        BigInteger n = new BigInteger(1, mac.doFinal(value.getBytes(StandardCharsets.UTF_8)))
                .mod(BigInteger.valueOf(62).pow(length));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(BASE62.charAt(n.mod(BigInteger.valueOf(62)).intValue()));
            n = n.divide(BigInteger.valueOf(62));
        }
        return sb.reverse().toString();
    }
}
