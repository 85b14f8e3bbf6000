package dev.veil.bench.accuracy;

import dev.veil.tokenizer.detect.PiiType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code address_examples_pyap.txt}, lines of {@code country | test_function | True/False |
 * text} (newlines written as {@code \n}). Only whole-address cases are kept: test functions named
 * {@code *full_address*}, {@code *full_street*} and {@code *po_box*}; the others test pyap's regex
 * parts (number words, street types, region names) that are not addresses on their own. Each kept
 * line is one document; a True line's trimmed text is one {@code ADDRESS} annotation, a False line
 * has none.
 */
public final class PyapReader {

    static final String LABEL = "ADDRESS";

    private static final Pattern WHOLE_ADDRESS_TEST = Pattern.compile(".*(full_address|full_street|po_box).*");

    private PyapReader() {}

    public static Dataset read(Path file) throws IOException {
        List<Document> documents = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split(" \\| ", 4);
            if (columns.length != 4 || !(columns[2].equals("True") || columns[2].equals("False"))) {
                throw new IOException(file + ":" + (n + 1) + ": expected country | test | True/False | text");
            }
            if (!WHOLE_ADDRESS_TEST.matcher(columns[1]).matches()) {
                continue;
            }
            String text = columns[3].replace("\\n", "\n");
            List<Entity> entities = new ArrayList<>(1);
            int start = 0;
            int end = text.length();
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            if (columns[2].equals("True") && end > start) {
                entities.add(new Entity(LABEL, start, end));
            }
            documents.add(new Document("address_examples_pyap.txt:" + (n + 1) + " " + columns[0] + " " + columns[1], text, entities));
        }
        return new Dataset("pyap address examples (US/GB/CA)", documents, Map.of(LABEL, PiiType.ADDRESS));
    }
}
