package dev.veil.bench.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.tokenizer.detect.PiiType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads presidio-research's {@code synth_dataset_v2.json}: a JSON array of records with
 * {@code full_text} and {@code spans} ({@code entity_type}, {@code start_position},
 * {@code end_position}, in Java {@code String} indices).
 */
public final class PresidioSynthReader {

    /** Presidio's labels and the Veil type each is scored as. */
    static final Map<String, PiiType> MAPPING = mapping();

    private PresidioSynthReader() {}

    private static Map<String, PiiType> mapping() {
        Map<String, PiiType> mapping = new LinkedHashMap<>();
        mapping.put("CREDIT_CARD", PiiType.CARD_NUMBER);
        mapping.put("EMAIL_ADDRESS", PiiType.EMAIL);
        mapping.put("IBAN_CODE", PiiType.IBAN);
        mapping.put("US_SSN", PiiType.US_SSN);
        mapping.put("IP_ADDRESS", PiiType.IP_ADDRESS);
        mapping.put("PHONE_NUMBER", PiiType.PHONE);
        mapping.put("STREET_ADDRESS", PiiType.ADDRESS);
        mapping.put("PERSON", PiiType.PERSON);
        return mapping;
    }

    public static Dataset read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (!root.isArray()) {
            throw new IOException(file + ": expected a JSON array of records");
        }
        List<Document> documents = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode record = root.get(i);
            String text = record.path("full_text").asText(null);
            if (text == null) {
                throw new IOException(file + ": record " + i + " has no full_text");
            }
            List<Entity> entities = new ArrayList<>();
            for (JsonNode span : record.path("spans")) {
                entities.add(new Entity(span.path("entity_type").asText(), span.path("start_position").asInt(),
                        span.path("end_position").asInt()));
            }
            documents.add(new Document("synth_dataset_v2.json record " + i, text, entities));
        }
        return new Dataset("presidio-research synth_dataset_v2 (EN)", documents, MAPPING);
    }
}
