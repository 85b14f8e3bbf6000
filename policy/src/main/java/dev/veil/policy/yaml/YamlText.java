package dev.veil.policy.yaml;

import dev.veil.tokenizer.error.VeilException;
import dev.veil.tokenizer.io.LimitedInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a YAML file as strict UTF-8 text under a size limit, reporting what goes wrong as a problem. */
public final class YamlText {

    private YamlText() {}

    /**
     * The text of {@code file}, or {@code null} after adding to {@code problems} why it cannot be
     * read (missing, larger than {@code maxBytes}, unreadable, not UTF-8).
     */
    public static String read(Path file, int maxBytes, Problems problems) {
        byte[] bytes;
        // the limit holds while reading: a pipe or device (/dev/stdin, /dev/zero) has no size to check first
        try (InputStream in = Files.newInputStream(file)) {
            bytes = LimitedInput.readAtMost(in, maxBytes, () -> new TooLarge(maxBytes));
        } catch (TooLarge e) {
            problems.add(Mark.START, "", e.detail());
            return null;
        } catch (NoSuchFileException e) {
            problems.add(Mark.START, "", "no such file");
            return null;
        } catch (IOException e) {
            problems.add(Mark.START, "", "cannot read file: " + e.getClass().getSimpleName());
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            problems.add(Mark.START, "", "not UTF-8 text (expected: a UTF-8 YAML file)");
            return null;
        }
    }

    /** Signals, inside this class only, that a file passed the limit while being read. */
    private static final class TooLarge extends VeilException {
        TooLarge(int maxBytes) {
            super("file_too_large", "file is larger than " + maxBytes + " bytes (expected: at most " + maxBytes + ")");
        }
    }
}
