package dev.veil.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.policy.engine.EngineLimits;
import dev.veil.tokenizer.detect.DetectorRegistry;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The workbench's rule table counts what the engine did as {@code veil policy preview} does, rows the engine alone uses included. */
class PolicyWorkbenchTest {

    private static final String CARD = "4229812051535990";
    private static final String POLICY = """
            policy: test
            brand: acme
            version: 1
            defaults:
              scan: [CARD_NUMBER, EMAIL]
              pii_keys: replace
            fields:
              - { path: "$.id", action: keep }
              - { path: "$.notes", action: scan }
              - { path: "$.via", action: keep }
            """;

    @Test
    void theSafetyNetAndReplacedMemberNamesHaveTheirRowsAndNoValueShows() throws Exception {
        PolicyWorkbench workbench = PolicyWorkbench.of(EngineLimits.defaults(), DetectorRegistry.defaults(), new SecureRandom());
        JsonNode ticket = new ObjectMapper().readTree("{\"id\": 7, \"notes\": {\"dana@example.com\": \"email on file\"},"
                + " \"via\": {\"channel\": \"web\", \"ref\": \"" + CARD + "\"}, \"extra\": \"x\"}");

        JsonNode rules = workbench.preview(workbench.parse(POLICY), ticket).at("/views/0/rules");

        assertThat(rules.findValuesAsText("rule")).containsExactly("fields[0]", "fields[1]", "fields[2]", "safety net", "pii_keys", "default");
        JsonNode net = rules.get(3);
        assertThat(net.get("values").asInt()).isEqualTo(1);
        assertThat(net.get("paths").get(0).asText()).isEqualTo("$.via.ref");
        assertThat(net.get("found").get(0).get("what").asText()).startsWith("CARD_NUMBER ");
        JsonNode keys = rules.get(4);
        assertThat(keys.get("values").asInt()).isEqualTo(1);
        assertThat(keys.get("found").get(0).get("what").asText()).startsWith("EMAIL ");
        JsonNode fallback = rules.get(5);
        assertThat(fallback.get("values").asInt()).isEqualTo(1);
        assertThat(fallback.get("paths").get(0).asText()).isEqualTo("$.extra");
        assertThat(rules.toString()).doesNotContain(CARD).doesNotContain("dana@example.com");
    }
}
