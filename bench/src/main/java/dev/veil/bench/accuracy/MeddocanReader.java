package dev.veil.bench.accuracy;

import dev.veil.tokenizer.detect.PiiType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the MEDDOCAN test split: pairs of {@code NAME.txt} and BRAT standoff {@code NAME.ann}
 * whose text-bound lines are {@code T<n> TAB LABEL start end TAB covered text}.
 */
public final class MeddocanReader {

    /** MEDDOCAN's labels and the Veil type each is scored as; a fax number is a phone number. */
    static final Map<String, PiiType> MAPPING = mapping();

    private MeddocanReader() {}

    private static Map<String, PiiType> mapping() {
        Map<String, PiiType> mapping = new LinkedHashMap<>();
        mapping.put("CORREO_ELECTRONICO", PiiType.EMAIL);
        mapping.put("NUMERO_TELEFONO", PiiType.PHONE);
        mapping.put("NUMERO_FAX", PiiType.PHONE);
        mapping.put("CALLE", PiiType.ADDRESS);
        mapping.put("NOMBRE_SUJETO_ASISTENCIA", PiiType.PERSON);
        mapping.put("NOMBRE_PERSONAL_SANITARIO", PiiType.PERSON);
        return mapping;
    }

    public static Dataset read(Path directory) throws IOException {
        List<Path> texts;
        try (Stream<Path> files = Files.list(directory)) {
            texts = files.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
        if (texts.isEmpty()) {
            throw new IOException(directory + ": no .txt documents");
        }
        List<Document> documents = new ArrayList<>(texts.size());
        for (Path textFile : texts) {
            String name = textFile.getFileName().toString();
            Path annotations = textFile.resolveSibling(name.substring(0, name.length() - 4) + ".ann");
            String text = Files.readString(textFile, StandardCharsets.UTF_8);
            documents.add(new Document(name, text, entities(annotations, text)));
        }
        return new Dataset("MEDDOCAN test (ES)", documents, MAPPING);
    }

    private static List<Entity> entities(Path annotations, String text) throws IOException {
        List<Entity> entities = new ArrayList<>();
        for (String line : Files.readAllLines(annotations, StandardCharsets.UTF_8)) {
            if (!line.startsWith("T")) {
                continue;
            }
            String[] columns = line.split("\t", 3);
            String[] labelAndOffsets = columns.length == 3 ? columns[1].split("[ ;]") : new String[0];
            if (labelAndOffsets.length < 3) {
                throw new IOException(annotations + ": not a BRAT text-bound line: " + columns[0]);
            }
            // a discontinuous annotation (start end;start end) is scored as the stretch it spans
            int start = Integer.parseInt(labelAndOffsets[1]);
            int end = Integer.parseInt(labelAndOffsets[labelAndOffsets.length - 1]);
            if (end > text.length() || !text.startsWith(columns[2].substring(0, Math.min(columns[2].length(), end - start)), start)) {
                throw new IOException(annotations + ": " + columns[0] + " offsets do not match the text");
            }
            entities.add(new Entity(labelAndOffsets[0], start, end));
        }
        return entities;
    }
}
