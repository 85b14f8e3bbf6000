package dev.veil.policy.yaml;

import java.io.IOException;
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
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                problems.add(Mark.START, "", "file is " + size + " bytes (expected: at most " + maxBytes + ")");
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            problems.add(Mark.START, "", "no such file");
            return null;
        } catch (IOException e) {
            problems.add(Mark.START, "", "cannot read file: " + e.getClass().getSimpleName());
            return null;
        }
        if (bytes.length > maxBytes) { // the file grew between the two calls
            problems.add(Mark.START, "", "file is " + bytes.length + " bytes (expected: at most " + maxBytes + ")");
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
}
