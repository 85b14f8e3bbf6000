package dev.veil.gateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.Span;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.veil.tokenizer.io.UnicodeText;
import dev.veil.tokenizer.error.SafeErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code veil detect}: finds PII in JSON Lines read from standard input and writes one JSON line
 * per finding. Findings carry positions and types, never the text found.
 */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        description = {
            "Finds PII in JSON Lines on standard input and writes one JSON line per finding.",
            "Each input line is {\"id\": \"...\", \"text\": \"...\"}; each finding is {\"id\", \"type\", \"start\", \"end\", \"confidence\"}",
            "(Java string indices, end exclusive), never the text found.",
            "Exit code 0 when every line was read, 1 when some line was bad (each named on standard error and skipped).",
            "Input is UTF-8; a leading byte order mark is skipped; a line that is not UTF-8, holds a lone surrogate,",
            "is not JSON, repeats a member name, nests deeper than 64 or is longer than --max-line-bytes is skipped."
        })
final class DetectCommand implements Callable<Integer> {

    /** Deep enough for any record; deeper lines are refused before they cost anything. */
    private static final int MAX_DEPTH = 64;
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    @Spec
    CommandSpec spec;

    @ParentCommand
    VeilCommand veil;

    @Option(names = "--min-confidence", paramLabel = "P", description = "Report only findings at least this sure (0 to 1, default ${DEFAULT-VALUE}).")
    double minConfidence = 0;

    @Option(names = "--max-line-bytes", paramLabel = "N", description = "Skip (and report) lines longer than this many bytes (default ${DEFAULT-VALUE}).")
    int maxLineBytes = 1 << 20;

    @Override
    public Integer call() throws IOException {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--min-confidence: " + minConfidence + " (expected: 0 to 1)");
        }
        if (maxLineBytes < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-line-bytes: " + maxLineBytes + " (expected: > 0)");
        }
        DetectorRegistry registry = DetectorRegistry.defaults();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InputLines lines = new InputLines(veil.stdin(), maxLineBytes);
        int failed = 0;
        for (InputLines.Line line = lines.next(); line != null; line = lines.next()) {
            if (line.problem() == null && line.text().isBlank()) {
                continue;
            }
            try {
                if (line.problem() != null) {
                    throw line.problem();
                }
                Record record = Record.parse(line.text());
                for (Span span : registry.detect(record.text())) {
                    if (span.confidence() >= minConfidence) {
                        out.println(finding(record.id(), span));
                    }
                }
            } catch (RuntimeException e) {
                // a bad line is named by its number and reason, never its content; the run goes on
                failed++;
                err.println("line " + line.number() + ": " + SafeErrors.describe(e).detail());
            }
        }
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 1;
    }

    private static String finding(String id, Span span) throws JsonProcessingException {
        var node = JSON.createObjectNode();
        node.put("id", id);
        node.put("type", span.type().name());
        node.put("start", span.start());
        node.put("end", span.end());
        node.put("confidence", Math.round(span.confidence() * 1000) / 1000.0);
        return JSON.writeValueAsString(node);
    }

    /** One input line: an id to echo back and the text to scan. */
    private record Record(String id, String text) {

        static Record parse(String line) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (StreamConstraintsException e) {
                throw bad(String.valueOf(e.getOriginalMessage()).contains("nesting depth") ? "too_deep" : "string_too_long",
                        "exceeds a JSON limit (nesting depth " + MAX_DEPTH + ")" + column(e));
            } catch (JsonProcessingException e) {
                // Jackson's message quotes the input; say only where it broke
                boolean duplicate = String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field");
                throw bad(duplicate ? "duplicate_key" : "invalid_json",
                        (duplicate ? "a member name appears twice in one object" : "not valid JSON") + column(e));
            }
            if (node == null || !node.isObject()) {
                throw bad("invalid_json", "expected a JSON object with \"id\" and \"text\"");
            }
            JsonNode id = node.get("id");
            JsonNode text = node.get("text");
            if (id == null || !(id.isTextual() || id.isNumber())) {
                throw bad("invalid_json", "\"id\": missing or not a string");
            }
            if (text == null || !text.isTextual()) {
                throw bad("invalid_json", "\"text\": missing or not a string");
            }
            if (!UnicodeText.isWellFormed(id.asText()) || !UnicodeText.isWellFormed(text.textValue())) {
                throw bad(UsageException.INVALID_TEXT, "holds a lone surrogate (expected: Unicode text)");
            }
            return new Record(id.asText(), text.asText());
        }

        private static String column(JsonProcessingException e) {
            return e.getLocation() == null || e.getLocation().getColumnNr() < 1 ? "" : " (column " + e.getLocation().getColumnNr() + ")";
        }

        private static UsageException bad(String code, String detail) {
            return new UsageException(code, detail);
        }
    }
}
