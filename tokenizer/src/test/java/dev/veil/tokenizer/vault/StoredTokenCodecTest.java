package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Corrupt store entries are refused with a clear error before anything is allocated from their lengths. */
class StoredTokenCodecTest {

    private static final String TOKEN = "tok_5dWq0ZxJ3kLm8NpRtV2sYb";
    private static final StoredToken ENTRY = new StoredToken(TOKEN, "acme", "acme/vault", 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});

    @Test
    void roundTrips() {
        StoredToken decoded = StoredTokenCodec.decode(TOKEN, StoredTokenCodec.encode(ENTRY));

        assertThat(decoded.namespace()).isEqualTo("acme");
        assertThat(decoded.keyId()).isEqualTo("acme/vault");
        assertThat(decoded.keyVersion()).isEqualTo(2);
        assertThat(decoded.ciphertext()).isEqualTo(ENTRY.ciphertext());
    }

    @Test
    void everyTruncationIsRefusedAsCorrupt() {
        byte[] bytes = StoredTokenCodec.encode(ENTRY);
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> StoredTokenCodec.decode(TOKEN, truncated))
                    .as("truncated to %d bytes", length)
                    .isInstanceOf(CorruptStoreException.class)
                    .hasMessageStartingWith("token store: corrupt entry: ")
                    .hasMessageNotContaining(TOKEN)
                    .extracting(e -> ((CorruptStoreException) e).code()).isEqualTo("token_store_corrupt");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 2_000_000_000, 1025})
    void aHugeOrNegativeLengthIsRefusedBeforeAllocating(int length) {
        // format 1, then a namespace length that claims far more than the entry holds
        byte[] bytes = ByteBuffer.allocate(1 + 4 + 8).put((byte) 1).putInt(length).putLong(0).array();

        assertThatThrownBy(() -> StoredTokenCodec.decode(TOKEN, bytes))
                .isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("namespace length " + length);
    }

    @Test
    void aCiphertextLengthBeyondTheEntryIsRefused() {
        byte[] bytes = StoredTokenCodec.encode(ENTRY);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 9 - 4, Integer.MAX_VALUE - 8);

        assertThatThrownBy(() -> StoredTokenCodec.decode(TOKEN, bytes))
                .isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("ciphertext length");
    }

    @Test
    void trailingBytesAnUnknownFormatAndABadVersionAreRefused() {
        byte[] bytes = StoredTokenCodec.encode(ENTRY);
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        byte[] otherFormat = bytes.clone();
        otherFormat[0] = 7;
        byte[] versionZero = bytes.clone();
        ByteBuffer.wrap(versionZero).putInt(1 + 4 + 4 + 4 + "acme/vault".length(), 0);

        assertThatThrownBy(() -> StoredTokenCodec.decode(TOKEN, longer)).isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("trailing");
        assertThatThrownBy(() -> StoredTokenCodec.decode(TOKEN, otherFormat)).isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("format 7");
        assertThatThrownBy(() -> StoredTokenCodec.decode(TOKEN, versionZero)).isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("key version 0");
    }

    @Test
    void keyVersionListsRoundTripAndCorruptOnesAreRefused() {
        assertThat(StoredTokenCodec.decodeVersions(StoredTokenCodec.encodeVersions(List.of(1, 3, 12)))).containsExactly(1, 3, 12);
        for (String corrupt : new String[] {"", "0", "2,1", "1,,2", "x", "99999999999", "1,1", "9".repeat(70_000)}) {
            assertThatThrownBy(() -> StoredTokenCodec.decodeVersions(corrupt))
                    .as(corrupt.length() > 20 ? "long" : corrupt)
                    .isInstanceOf(CorruptStoreException.class);
        }
    }

    @Test
    void aCorruptEntryInTheFileStoreIsReportedAsCorrupt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path file = dir.resolve("tokens.mv.db");
        MvStoreTokenStore.open(file).close();
        try (org.h2.mvstore.MVStore raw = new org.h2.mvstore.MVStore.Builder().fileName(file.toString()).open()) {
            raw.openMap("tokens", new org.h2.mvstore.MVMap.Builder<String, byte[]>()
                    .keyType(org.h2.mvstore.type.StringDataType.INSTANCE)
                    .valueType(org.h2.mvstore.type.ByteArrayDataType.INSTANCE))
                    .put(TOKEN, ByteBuffer.allocate(5).put((byte) 1).putInt(Integer.MAX_VALUE).array());
            raw.commit();
        }
        try (MvStoreTokenStore store = MvStoreTokenStore.open(file)) {
            assertThatThrownBy(() -> store.get(TOKEN)).isInstanceOf(CorruptStoreException.class);
        }
    }
}
