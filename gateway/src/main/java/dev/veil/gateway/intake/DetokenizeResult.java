package dev.veil.gateway.intake;

import java.util.List;
import java.util.Map;

/**
 * The answer to a detokenize call: values for the tokens the reveal rules let the CRM see (in
 * request order), the tokens they withhold, and the tokens no store knows (unknown, altered, of
 * another brand or of a format that cannot be revealed outside its field).
 */
public record DetokenizeResult(Map<String, String> values, List<String> withheld, List<String> unresolved) {

    public DetokenizeResult {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        withheld = List.copyOf(withheld);
        unresolved = List.copyOf(unresolved);
    }

    @Override
    public String toString() {
        return "DetokenizeResult[" + values.size() + " revealed, " + withheld.size() + " withheld, " + unresolved.size() + " unresolved]";
    }
}
