package dev.veil.policy.engine;

import static dev.veil.policy.TestPolicies.ENGINE;
import static dev.veil.policy.TestPolicies.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.TestPolicies;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.model.Action;
import org.junit.jupiter.api.Test;

class PropagationTest {

    private static final String POLICY = header() + """
            defaults:
              propagate: true
              scan_actions: {}
            tokens:
              contact: { format: random, prefix: "ctc_", convergent: true }
            fields:
              - { path: "$.requester.name", action: mask, show: first_initial, type: PERSON }
              - { path: "$.requester.email", action: tokenize, token: contact, type: EMAIL }
              - { path: "$.requester.phone", action: mask, keep_last: 2, type: PHONE }
              - { path: "$.requester.ssn", action: drop }
              - { path: "$.comments[*]", action: scan }
            detectors:
              - { name: DIGITS, regex: "[0-9]{3}-[0-9]{4}" }
            """;

    private static final String TICKET = """
            {"comments": [
               "Hi, this is Dana WHITFIELD, write to Dana.Whitfield@Example.com or call (415) 555-0132.",
               "My SSN is 123-45-6789. Thanks, Dana",
               "Dana's friend Danae and Whitfields Ltd are not her; 415555013299 is not her number."
             ],
             "requester": {"name": "Dana Whitfield", "email": "dana.whitfield@example.com", "phone": "+1 415 555 0132",
                           "ssn": "123-45-6789"}}
            """;

    private static SanitizeResult apply(String policy) {
        CompiledPolicy compiled = TestPolicies.compile(policy);
        return ENGINE.apply(compiled, null, ENGINE.parse(TICKET.getBytes(UTF_8)));
    }

    @Test
    void valuesReplacedInFieldsAreReplacedTheSameWayInFreeText() {
        SanitizeResult result = apply(POLICY);
        JsonNode doc = result.document();
        String email = doc.at("/requester/email").textValue();
        assertThat(doc.at("/requester/name").textValue()).isEqualTo("D••• W••••••••");
        assertThat(doc.at("/requester/phone").textValue()).isEqualTo("+• ••• ••• ••32");
        // scanned before the requester was reached in the document, and still replaced
        assertThat(doc.at("/comments/0").textValue())
                .isEqualTo("Hi, this is D••• W••••••••, write to " + email + " or call +• ••• ••• ••32.");
        assertThat(doc.at("/comments/1").textValue()).isEqualTo("My SSN is [REDACTED]. Thanks, D•••");
        // whole words and whole numbers only
        assertThat(doc.at("/comments/2").textValue())
                .isEqualTo("D•••'s friend Danae and Whitfields Ltd are not her; 415555013299 is not her number.");
        SanitizeReport report = result.report();
        assertThat(report.touched()).filteredOn(t -> "propagated from fields[0]".equals(t.note())).extracting(Touch::count).containsExactly(1, 1, 1);
        assertThat(report.count("EMAIL", Action.TOKENIZE)).isEqualTo(2);
        // touches stay in document order although scans ran last
        assertThat(report.touched()).filteredOn(t -> !t.span()).extracting(Touch::path).containsExactly(
                "$.comments[0]", "$.comments[1]", "$.comments[2]", "$.requester.name", "$.requester.email", "$.requester.phone", "$.requester.ssn");
    }

    @Test
    void aDroppedNameIsRedactedInFreeTextWordByWordToo() {
        // found by policy diff: a view dropping the name left the first name of a sign-off in clear
        SanitizeResult result = apply(POLICY.replace("path: \"$.requester.name\", action: mask, show: first_initial", "path: \"$.requester.name\", action: drop"));
        JsonNode doc = result.document();
        assertThat(doc.at("/requester/name").isMissingNode()).isTrue();
        assertThat(doc.at("/comments/1").textValue()).isEqualTo("My SSN is [REDACTED]. Thanks, [REDACTED]");
        assertThat(doc.at("/comments/0").textValue()).startsWith("Hi, this is [REDACTED], write to ");
    }

    @Test
    void withoutPropagationOnlyDetectorsWorkOnFreeText() {
        SanitizeResult result = apply(POLICY.replace("propagate: true", "propagate: false"));
        assertThat(result.document().at("/comments/0").textValue())
                .isEqualTo("Hi, this is Dana WHITFIELD, write to Dana.Whitfield@Example.com or call (415) [DIGITS].");
    }

    @Test
    void knownValuesBelongToOneDocument() {
        CompiledPolicy compiled = TestPolicies.compile(POLICY);
        ENGINE.apply(compiled, null, ENGINE.parse(TICKET.getBytes(UTF_8)));
        JsonNode other = ENGINE.parse("{\"comments\": [\"Dana Whitfield again\"], \"requester\": {\"name\": \"Sam Okafor\"}}".getBytes(UTF_8));
        assertThat(ENGINE.apply(compiled, null, other).document().at("/comments/0").textValue()).isEqualTo("Dana Whitfield again");
    }
}
