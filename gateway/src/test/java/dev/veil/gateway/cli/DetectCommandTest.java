package dev.veil.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DetectCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesOneLinePerFindingWithExactPositions() throws Exception {
        String text = "Card 4111 1111 1111 1111, mail ana.lopez@example.com";
        CliRun run = CliRun.of("{\"id\": \"t-1\", \"text\": \"" + text + "\"}\n", "detect");

        assertThat(run.exitCode()).isZero();
        List<JsonNode> findings = lines(run.out());
        int card = text.indexOf("4111");
        int email = text.indexOf("ana.lopez");
        assertThat(findings)
                .extracting(f -> f.get("id").asText(), f -> f.get("type").asText(), f -> f.get("start").asInt(), f -> f.get("end").asInt())
                .containsExactly(
                        tuple("t-1", "CARD_NUMBER", card, card + "4111 1111 1111 1111".length()),
                        tuple("t-1", "EMAIL", email, email + "ana.lopez@example.com".length()));
        for (JsonNode finding : findings) {
            assertThat(finding.get("confidence").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(run.out()).doesNotContain("4111").doesNotContain("ana.lopez");
    }

    @Test
    void badLinesAreNamedOnStandardErrorAndTheRestIsStillProcessed() throws Exception {
        String input = "{\"id\": \"a\", \"text\": \"write to ana.lopez@example.com\"}\n"
                + "{not json 4111111111111111}\n"
                + "{\"id\": \"c\"}\n"
                + "{\"id\": \"d\", \"text\": \"or to pedro@example.es\"}\n";
        CliRun run = CliRun.of(input, "detect");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(lines(run.out())).extracting(f -> f.get("id").asText()).containsExactly("a", "d");
        assertThat(run.err()).contains("line 2: not valid JSON").contains("line 3: \"text\": missing");
        assertThat(run.err()).doesNotContain("4111111111111111");
    }

    @Test
    @Timeout(20)
    void eachBadLineIsSkippedWithItsNumberAndReasonAndTheRunGoesOn() throws Exception {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // a leading byte order mark is skipped
        input.writeBytes("{\"id\": \"a\", \"text\": \"write to ana.lopez@example.com\"}\n".getBytes(UTF_8));
        input.writeBytes(("[".repeat(1500) + "]".repeat(1500) + "\n").getBytes(UTF_8));
        input.writeBytes(("{\"id\": \"c\", \"text\": \"" + "4111111111111111 ".repeat(300) + "\"}\n").getBytes(UTF_8));
        input.writeBytes("{\"id\": \"d\", \"ana.lopez@example.com\": 1, \"ana.lopez@example.com\": 2, \"text\": \"x\"}\n".getBytes(UTF_8));
        input.writeBytes("{\"id\": \"e\", \"text\": \"4111111111111111 \\ud800\"}\n".getBytes(UTF_8));
        input.writeBytes("{\"id\": \"f\", \"text\": \"caf".getBytes(UTF_8));
        input.write(new byte[] {(byte) 0xE9, '"', '}', '\n'}); // Latin-1, not UTF-8
        input.writeBytes("{\"id\": \"g\", \"text\": \"or to pedro@example.es\"}\n".getBytes(UTF_8));

        CliRun run = CliRun.of(input.toByteArray(), "detect", "--max-line-bytes", "4000");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(lines(run.out())).extracting(f -> f.get("id").asText()).containsExactly("a", "g");
        assertThat(run.err().split("\n")).containsExactly(
                "line 2: exceeds a JSON limit (nesting depth 64)",
                "line 3: longer than 4000 bytes (skipped)",
                "line 4: a member name appears twice in one object (column 64)",
                "line 5: holds a lone surrogate (expected: Unicode text)",
                "line 6: not UTF-8 text (skipped)");
        assertThat(run.err()).doesNotContain("4111").doesNotContain("ana.lopez");
    }

    @Test
    void minConfidenceFiltersFindings() throws Exception {
        String input = "{\"id\": \"a\", \"text\": \"card 4111 1111 1111 1111\"}\n";
        assertThat(lines(CliRun.of(input, "detect", "--min-confidence", "0").out())).hasSize(1);
        assertThat(lines(CliRun.of(input, "detect", "--min-confidence", "1").out())).isEmpty();
        assertThat(CliRun.of(input, "detect", "--min-confidence", "1.5").exitCode()).isEqualTo(2);
    }

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }
}
