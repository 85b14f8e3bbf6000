package dev.veil.bench.accuracy;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.detect.PiiType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark ready to score: its documents and which of its labels correspond to which Veil
 * type. Labels not in {@code mapping} are still annotations (a detection on them is not counted
 * as a false positive per 10,000 words) but no Veil type is scored against them.
 */
public record Dataset(String name, List<Document> documents, Map<String, PiiType> mapping) {

    public Dataset {
        requireNonNull(name, "name");
        documents = List.copyOf(documents);
        mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
    }
}
