package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AesGcmTest {

    private static final HexFormat HEX = HexFormat.of();

    static Stream<List<String>> vectors() throws IOException {
        try (InputStream in = AesGcmTest.class.getResourceAsStream("/vault/aes-256-gcm-vectors.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return text.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> List.of(line.split(" "))).toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void sealsAndOpensKnownAnswers(List<String> vector) throws Exception {
        SecretKey key = new SecretKeySpec(hex(vector.get(0)), "AES");
        byte[] nonce = hex(vector.get(1));
        byte[] plaintext = hex(vector.get(2));
        byte[] aad = hex(vector.get(3));
        byte[] expected = concat(nonce, hex(vector.get(4)), hex(vector.get(5)));

        byte[] box = AesGcm.seal(key, new FixedRandom(nonce), plaintext, aad);

        assertThat(HEX.formatHex(box)).isEqualTo(HEX.formatHex(expected));
        assertThat(AesGcm.open(key, box, aad)).isEqualTo(plaintext);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void sealsInPlaceWithinALargerBufferTheSameBoxAndOpensItThere(List<String> vector) throws Exception {
        SecretKey key = new SecretKeySpec(hex(vector.get(0)), "AES");
        byte[] nonce = hex(vector.get(1));
        byte[] plaintext = hex(vector.get(2));
        byte[] aad = hex(vector.get(3));
        byte[] expected = concat(nonce, hex(vector.get(4)), hex(vector.get(5)));
        int from = 5;
        byte[] buffer = new byte[from + expected.length + 3];
        java.util.Arrays.fill(buffer, (byte) 0x5a); // the bytes around the box must stay as they are
        System.arraycopy(plaintext, 0, buffer, from + AesGcm.NONCE_BYTES, plaintext.length);

        AesGcm.sealInPlace(key, new FixedRandom(nonce), buffer, from, plaintext.length, aad);

        assertThat(HEX.formatHex(java.util.Arrays.copyOfRange(buffer, from, from + expected.length))).isEqualTo(HEX.formatHex(expected));
        assertThat(java.util.Arrays.copyOfRange(buffer, 0, from)).containsOnly((byte) 0x5a);
        assertThat(java.util.Arrays.copyOfRange(buffer, from + expected.length, buffer.length)).containsOnly((byte) 0x5a);
        assertThat(AesGcm.open(key, buffer, from, expected.length, aad)).isEqualTo(plaintext);
    }

    /** Two threads sealing at once, each with its reused cipher: every box opens to what was sealed, and no nonce repeats. */
    @Test
    void theCiphersReusedPerThreadSealBoxesThatOpenWithFreshNonces() throws Exception {
        SecretKey key = new SecretKeySpec(new byte[32], "AES");
        SecureRandom random = new SecureRandom();
        java.util.Set<String> nonces = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.function.IntFunction<Void> sealer = thread -> {
            for (int i = 0; i < 2000; i++) {
                byte[] plaintext = java.nio.ByteBuffer.allocate(8).putInt(thread).putInt(i).array();
                byte[] aad = {(byte) thread};
                byte[] buffer = new byte[AesGcm.OVERHEAD + 8];
                System.arraycopy(plaintext, 0, buffer, AesGcm.NONCE_BYTES, 8);
                AesGcm.sealInPlace(key, random, buffer, 0, 8, aad);
                byte[] box = AesGcm.seal(key, random, plaintext, aad);
                try {
                    assertThat(AesGcm.open(key, buffer, aad)).isEqualTo(plaintext);
                    assertThat(AesGcm.open(key, box, aad)).isEqualTo(plaintext);
                } catch (javax.crypto.AEADBadTagException e) {
                    throw new AssertionError("a box sealed on thread " + thread + " does not open");
                }
                nonces.add(HEX.formatHex(buffer, 0, AesGcm.NONCE_BYTES));
                nonces.add(HEX.formatHex(box, 0, AesGcm.NONCE_BYTES));
            }
            return null;
        };
        java.util.concurrent.CompletableFuture<Void> other = java.util.concurrent.CompletableFuture.supplyAsync(() -> sealer.apply(1));
        sealer.apply(0);
        other.get();

        assertThat(nonces).hasSize(8000);
    }

    @Test
    void inPlaceSealingRefusesABufferWithoutRoomAndARangeOutsideIt() {
        SecretKey key = new SecretKeySpec(new byte[32], "AES");
        SecureRandom random = new SecureRandom();
        byte[] buffer = new byte[AesGcm.OVERHEAD + 10];
        assertThatThrownBy(() -> AesGcm.sealInPlace(key, random, buffer, 1, 10, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AesGcm.sealInPlace(key, random, buffer, -1, 1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        AesGcm.sealInPlace(key, random, buffer, 0, 10, new byte[0]);
        assertThatThrownBy(() -> AesGcm.open(key, buffer, 1, buffer.length, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AesGcm.open(key, buffer, 1, buffer.length - 1, new byte[0])).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void anyAlterationFailsTheTag() {
        SecretKey key = new SecretKeySpec(new byte[32], "AES");
        byte[] aad = {1, 2, 3};
        byte[] box = AesGcm.seal(key, new SecureRandom(), "card 4242".getBytes(StandardCharsets.UTF_8), aad);

        for (int i = 0; i < box.length; i++) {
            byte[] altered = box.clone();
            altered[i] ^= 0x40;
            assertThatThrownBy(() -> AesGcm.open(key, altered, aad)).isInstanceOf(AEADBadTagException.class);
        }
        assertThatThrownBy(() -> AesGcm.open(key, box, new byte[] {1, 2, 4})).isInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> AesGcm.open(new SecretKeySpec(new byte[32], 1, 31, "AES") {
            private static final long serialVersionUID = 1L;
        }, box, aad)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AesGcm.open(key, new byte[AesGcm.OVERHEAD - 1], aad)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void freshNonceEveryTime() {
        SecretKey key = new SecretKeySpec(new byte[32], "AES");
        SecureRandom random = new SecureRandom();
        byte[] plaintext = "same".getBytes(StandardCharsets.UTF_8);

        assertThat(AesGcm.seal(key, random, plaintext, new byte[0])).isNotEqualTo(AesGcm.seal(key, random, plaintext, new byte[0]));
    }

    private static byte[] hex(String field) {
        return field.equals("-") ? new byte[0] : HEX.parseHex(field);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Hands out given bytes, to reproduce a known nonce. */
    private static final class FixedRandom extends SecureRandom {

        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            assertThat(out).hasSize(bytes.length);
            System.arraycopy(bytes, 0, out, 0, bytes.length);
        }
    }

    @Test
    void takesA256BitKeyWhateverItsAlgorithmNameAndRefusesOtherSizes() throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        SecretKey labelled = new SecretKeySpec(raw, "RAW");
        byte[] box = AesGcm.seal(labelled, random, "value".getBytes(StandardCharsets.UTF_8), new byte[] {1});
        assertThat(AesGcm.open(new SecretKeySpec(raw, "AES"), box, new byte[] {1})).asString(StandardCharsets.UTF_8).isEqualTo("value");
        assertThatThrownBy(() -> AesGcm.seal(new SecretKeySpec(new byte[16], "AES"), random, new byte[1], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
    }

    @Test
    void manySealsOnOneThreadAndAcrossThreadsAllOpen() throws Exception {
        SecureRandom random = new SecureRandom();
        SecretKey key = new SecretKeySpec(new byte[32], "AES");
        List<byte[]> boxes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Runnable sealer = () -> {
            for (int i = 0; i < 200; i++) {
                boxes.add(AesGcm.seal(key, random, ("v" + i).getBytes(StandardCharsets.UTF_8), new byte[] {7}));
            }
        };
        java.util.concurrent.CompletableFuture<Void> other = java.util.concurrent.CompletableFuture.runAsync(sealer);
        sealer.run();
        other.get();
        for (byte[] box : boxes) {
            assertThat(new String(AesGcm.open(key, box, new byte[] {7}), StandardCharsets.UTF_8)).startsWith("v");
        }
        assertThat(boxes).hasSize(400);
    }
}
