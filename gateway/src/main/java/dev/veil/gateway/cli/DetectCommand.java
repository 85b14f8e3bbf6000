package dev.veil.gateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.Span;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
            "Exit code 0 when every line was read, 1 when some line was bad (each named on standard error)."
        })
final class DetectCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @ParentCommand
    VeilCommand veil;

    @Option(names = "--min-confidence", paramLabel = "P", description = "Report only findings at least this sure (0 to 1, default ${DEFAULT-VALUE}).")
    double minConfidence = 0;

    @Override
    public Integer call() throws IOException {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--min-confidence: " + minConfidence + " (expected: 0 to 1)");
        }
        DetectorRegistry registry = DetectorRegistry.defaults();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BufferedReader in = new BufferedReader(new InputStreamReader(veil.stdin(), StandardCharsets.UTF_8));
        int failed = 0;
        long lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            Record record;
            try {
                record = Record.parse(line);
            } catch (BadLineException e) {
                failed++;
                err.println("line " + lineNumber + ": " + e.getMessage());
                continue;
            }
            for (Span span : registry.detect(record.text())) {
                if (span.confidence() >= minConfidence) {
                    out.println(finding(record.id(), span));
                }
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

        static Record parse(String line) throws BadLineException {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                // Jackson's message quotes the input; say only where it broke.
                throw new BadLineException("not valid JSON (column " + e.getLocation().getColumnNr() + ")");
            }
            if (node == null || !node.isObject()) {
                throw new BadLineException("expected a JSON object with \"id\" and \"text\"");
            }
            JsonNode id = node.get("id");
            JsonNode text = node.get("text");
            if (id == null || !(id.isTextual() || id.isNumber())) {
                throw new BadLineException("\"id\": missing or not a string");
            }
            if (text == null || !text.isTextual()) {
                throw new BadLineException("\"text\": missing or not a string");
            }
            return new Record(id.asText(), text.asText());
        }
    }

    private static final class BadLineException extends Exception {
        BadLineException(String message) {
            super(message, null, false, false);
        }
    }
}
