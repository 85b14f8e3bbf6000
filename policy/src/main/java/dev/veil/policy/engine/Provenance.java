package dev.veil.policy.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which characters of each text of a sanitized document are copies of characters of the input,
 * by output path: kept text, text around the spans a scan replaced, and the characters of a
 * replacement (a mask's kept ends, a format-preserving token's kept digits) that follow the
 * original when it changes. Made only on request ({@link PolicyEngine#trace}), never on the
 * gateway's path; holds positions, never values.
 */
public final class Provenance {

    /** {@code length} output characters from {@code outStart} copy the input text at {@code inputPath} from {@code inStart}. */
    public record Copy(int outStart, String inputPath, int inStart, int length) {

        public Copy {
            requireNonNull(inputPath, "inputPath");
        }
    }

    /** Follows a member's path to stand for its name: {@code $.notes['x']#name} is the name {@code x}. */
    public static final String NAME = "#name";

    private final Map<String, List<Copy>> byOutput = new HashMap<>();

    Provenance() {}

    /** The text of a JSON value that offsets of {@link Copy#inStart()} count in. */
    public static String textOf(JsonNode value) {
        requireNonNull(value, "value");
        return Values.text(value);
    }

    /** The copies in the output text at {@code outputPath}, in output order. */
    public List<Copy> copies(String outputPath) {
        return Collections.unmodifiableList(byOutput.getOrDefault(outputPath, List.of()));
    }

    /** Every output path that holds a copy of some input character. */
    public java.util.Set<String> outputPaths() {
        return Collections.unmodifiableSet(byOutput.keySet());
    }

    void copy(JsonPath output, int outStart, JsonPath input, int inStart, int length) {
        copy(output.toString(), outStart, input.toString(), inStart, length);
    }

    void copy(String output, int outStart, String input, int inStart, int length) {
        if (length > 0) {
            byOutput.computeIfAbsent(output, p -> new ArrayList<>()).add(new Copy(outStart, input, inStart, length));
        }
    }

    /** Records the characters of {@code replacement} that {@link CopyTracker} finds copy {@code original}, which sits at {@code inStart}. */
    void replaced(JsonPath output, int outStart, JsonPath input, int inStart, int[] copies) {
        replaced(output.toString(), outStart, input.toString(), inStart, copies);
    }

    void replaced(String output, int outStart, String input, int inStart, int[] copies) {
        for (int i = 0; i < copies.length; i++) {
            if (copies[i] >= 0) {
                copy(output, outStart + i, input, inStart + copies[i], 1);
            }
        }
    }
}
