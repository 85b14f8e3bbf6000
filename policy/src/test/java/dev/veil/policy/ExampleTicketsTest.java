package dev.veil.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.policy.engine.SanitizeResult;
import dev.veil.tokenizer.detect.DetectorRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example tickets (Zendesk, Salesforce and Freshdesk shapes, English and Spanish) under their
 * brands' example policies, with fixed keys and a seeded random source, against the expected expert
 * views in {@code src/test/resources/golden}. Run with {@code -Dveil.golden.update=true} to rewrite
 * them after a deliberate change, then review the diff.
 */
class ExampleTicketsTest {

    private static final ObjectWriter PRETTY = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    /** Personal data in each ticket that no expert view may show, whatever the policy's tokens look like. */
    private static final List<Arguments> CASES = List.of(
            Arguments.of("zendesk-en", "acme", null, List.of("Dana", "Whitfield", "dana.whitfield@example.com", "4111 1111 1111 1111",
                    "4111111111111111", "415", "123-45-6789", "1987-04-12", "Pennsylvania", "Evergreen", "97403")),
            Arguments.of("zendesk-en", "acme", "senior", List.of("dana.whitfield@example.com", "4111 1111 1111 1111", "123-45-6789",
                    "Evergreen", "555")),
            Arguments.of("zendesk-es", "acme", null, List.of("Lucía", "Fernández", "lucia.fernandez@example.es", "612 345 678",
                    "12345678Z", "ES91", "2100 0418", "Alcalá", "28009", "5555 5555 5555 4444")),
            Arguments.of("salesforce-en", "globex", null, List.of("Marcus", "Chen", "marcus.chen@example.com", "555-0178",
                    "555 0178", "5555 5555 5555 4444", "5555555555554444", "203.0.113.42", "Baker", "1979-11-02")),
            Arguments.of("salesforce-es", "globex", null, List.of("Javier", "Moreno", "javier.moreno@example.es", "612 345 678",
                    "X1234567L", "2100 0418 4502 0005", "4111 1111 1111 1111", "4111111111111111", "Constitución", "1990-06-21")),
            Arguments.of("freshdesk-en", "initech", null, List.of("Sam", "Okafor", "sam.okafor@example", "7700 900123",
                    "Downing", "SW1A", "14/02/1991", "198.51.100.7", "0099812")),
            Arguments.of("freshdesk-es", "initech", null, List.of("Carmen", "Ortega", "carmen.ortega@example.es", "699 123 456",
                    "954 123 456", "12345678Z", "2077 0024 0031 0257", "Sierpes", "0101766")));

    static Stream<Arguments> cases() {
        return CASES.stream();
    }

    @ParameterizedTest(name = "{0} under {1} {2}")
    @MethodSource("cases")
    void expertsSeeTheExpectedView(String ticket, String brand, String view, List<String> personalData) throws IOException {
        PolicyCompiler compiler = TestPolicies.compiler(DetectorRegistry.defaults());
        CompiledPolicy policy = compiler.load(RepoFiles.path("examples/policies/" + brand + ".yaml"));
        byte[] json = Files.readAllBytes(RepoFiles.path("examples/tickets/" + ticket + ".json"));
        SanitizeResult result = TestPolicies.ENGINE.apply(policy, view, json);
        String actual = PRETTY.writeValueAsString(result.document()) + "\n";

        for (String value : personalData) {
            assertThat(actual).as("%s must not show %s", ticket, value).doesNotContain(value);
        }
        Path golden = RepoFiles.path("policy/src/test/resources/golden/" + ticket + (view == null ? "" : "." + view) + ".json");
        if (Boolean.getBoolean("veil.golden.update")) {
            Files.writeString(golden, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void everyExampleTicketHasAnExpectedView() {
        List<String> covered = CASES.stream().map(c -> (String) c.get()[0]).distinct().sorted().toList();
        assertThat(RepoFiles.exampleTickets()).extracting(p -> p.getFileName().toString().replace(".json", ""))
                .containsExactlyElementsOf(covered);
    }

    @Test
    void theSeniorViewShowsTheNameTheBaseViewMasks() throws IOException {
        PolicyCompiler compiler = TestPolicies.compiler(DetectorRegistry.defaults());
        CompiledPolicy policy = compiler.load(RepoFiles.path("examples/policies/acme.yaml"));
        JsonNode ticket = TestPolicies.ENGINE.parse(Files.readAllBytes(RepoFiles.path("examples/tickets/zendesk-en.json")));
        assertThat(TestPolicies.ENGINE.apply(policy, "senior", ticket).document().at("/requester/name").textValue()).isEqualTo("Dana Whitfield");
        assertThat(TestPolicies.ENGINE.apply(policy, null, ticket).document().at("/requester/name").textValue()).isEqualTo("D••• W••••••••");
    }
}
