package dev.veil.tokenizer.vault;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key that wraps every key of a {@link LocalKeyProvider} keyring, read from the
 * {@code VEIL_MASTER_KEY} environment variable or from an owner-only file, both holding the base64
 * of 32 bytes. {@link #toString()} never shows it.
 */
public final class MasterKey {

    /** The environment variable holding the base64 of the master key. */
    public static final String ENV = "VEIL_MASTER_KEY";

    private static final int BYTES = 32;
    private static final String HOW_TO_PROVIDE = "set " + ENV + " to the base64 of 32 random bytes"
            + " (for example: export " + ENV + "=\"$(openssl rand -base64 32)\")"
            + " or pass --master-key-file (created by 'veil keys init --master-key-file FILE')";

    private final SecretKey key;

    private MasterKey(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** A new random master key, for {@code veil keys init}. */
    public static MasterKey generate(SecureRandom random) {
        requireNonNull(random, "random");
        byte[] raw = new byte[BYTES];
        random.nextBytes(raw);
        try {
            return new MasterKey(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * The master key in {@code env} (pass {@code System.getenv()}).
     *
     * @throws KeyUnavailableException if {@value #ENV} is unset or not the base64 of 32 bytes; the
     *     message tells how to provide one and never contains the variable's value
     */
    public static MasterKey fromEnvironment(Map<String, String> env) {
        requireNonNull(env, "env");
        String encoded = env.get(ENV);
        if (encoded == null || encoded.isBlank()) {
            throw new KeyUnavailableException("no master key: " + HOW_TO_PROVIDE);
        }
        return decode(encoded, ENV);
    }

    /**
     * The master key in {@code file}, which must be readable and writable by its owner only.
     *
     * @throws KeyUnavailableException if the file is missing, accessible to group or others, or not
     *     the base64 of 32 bytes; the message never contains the file's content
     */
    public static MasterKey fromFile(Path file) {
        requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new KeyUnavailableException("master key file " + file + " does not exist: " + HOW_TO_PROVIDE);
        }
        OwnerOnlyFiles.requireOwnerOnly(file, "master key file");
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new KeyUnavailableException("master key file " + file + " does not exist: " + HOW_TO_PROVIDE);
        } catch (IOException e) {
            throw new KeyUnavailableException("master key file " + file + ": cannot read it", e);
        }
        try {
            return decode(new String(content, StandardCharsets.US_ASCII), "master key file " + file);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * The master key from {@code file} if it is not {@code null}, else from {@code env}: what the
     * command line does with {@code --master-key-file} and {@value #ENV}.
     */
    public static MasterKey load(Path file, Map<String, String> env) {
        return file != null ? fromFile(file) : fromEnvironment(env);
    }

    /**
     * Writes this key to a new owner-only file (base64 and a newline), creating missing parent
     * directories owner-only; never replaces an existing file, since losing a master key loses
     * every token made under it.
     *
     * @throws IllegalStateException if {@code file} exists or cannot be written
     */
    public void writeTo(Path file) {
        requireNonNull(file, "file");
        byte[] raw = key.getEncoded();
        byte[] encoded = (Base64.getEncoder().encodeToString(raw) + "\n").getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(raw, (byte) 0);
        try {
            OwnerOnlyFiles.createDirectories(file.toAbsolutePath().getParent());
            OwnerOnlyFiles.createFile(file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(encoded);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            OwnerOnlyFiles.forceDirectory(file.toAbsolutePath().getParent());
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("master key file " + file + " already exists (refusing to replace a master key)", e);
        } catch (IOException e) {
            throw new IllegalStateException("master key file " + file + ": cannot write it", e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** The key itself, for wrapping and unwrapping keyring entries. */
    SecretKey secretKey() {
        return key;
    }

    private static MasterKey decode(String encoded, String source) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            // the decoder's message quotes the offending character: do not chain it
            throw new KeyUnavailableException(source + ": not valid base64 (expected: the base64 of 32 bytes)");
        }
        try {
            if (raw.length != BYTES) {
                throw new KeyUnavailableException(source + ": " + raw.length + " bytes (expected: the base64 of 32 bytes)");
            }
            return new MasterKey(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[redacted]";
    }
}
