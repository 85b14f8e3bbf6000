package dev.veil.policy.diff;

import static dev.veil.policy.TestPolicies.ENGINE;
import static dev.veil.policy.TestPolicies.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.TestPolicies;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.policy.engine.TracedResult;
import dev.veil.tokenizer.detect.DetectorRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random loosening and tightening edits to a policy: diff flags an exposure exactly when the
 * preview (the engine's output) of the new version shows some value, in its field or where it
 * recurs in a note, in more of its original characters than the old one. The preview is judged
 * independently here: characters left in their place, the note cut back into its pieces by its
 * fixed words. Masks keep any number of characters from 0 to 8, values are as short as 3.
 */
class PolicyDiffPropertiesTest {

    private static final List<String> FIELDS = List.of("name", "phone", "account", "zip");
    private static final List<String> TYPES = List.of(", type: PERSON", ", type: PHONE", "", "");
    private static final String SAMPLE = "{\"name\": \"Dana Whitfield\", \"phone\": \"+1 415 555 0132\", \"account\": \"AB12CD34EF56\", \"zip\": \"94Z\","
            + " \"note\": \"Call Dana Whitfield at +1 415 555 0132, account AB12CD34EF56, zip 94Z. Thanks, Dana\"}";
    private static final Pattern NOTE = Pattern.compile("Call (.*) at (.*), account (.*), zip (.*)\\. Thanks, (.*)", Pattern.DOTALL);

    private final PolicyCompiler compiler = TestPolicies.compiler(DetectorRegistry.defaults());
    private final JsonNode input = ENGINE.parse(SAMPLE.getBytes(UTF_8));

    /** One version: a treatment per field, the note scanned or kept, the phone scan action, propagation on or off. */
    record Version(List<String> treatments, boolean scanNote, String phoneScan, boolean propagate) {}

    @Provide
    Arbitrary<Version> versions() {
        Arbitrary<String> treatment = Arbitraries.oneOf(
                Arbitraries.of("action: drop", "action: redact", "action: pseudonymize, token: person", "action: keep",
                        "action: mask, show: first_initial"),
                Arbitraries.integers().between(0, 8).map(k -> "action: mask, keep_last: " + k),
                Arbitraries.integers().between(0, 8).map(k -> "action: mask, keep_first: " + k),
                Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 4))
                        .as((f, l) -> "action: mask, keep_first: " + f + ", keep_last: " + l));
        Arbitrary<String> phoneScan = Arbitraries.oneOf(Arbitraries.of("{ action: redact }", "{ action: keep }"),
                Arbitraries.integers().between(0, 8).map(k -> "{ action: mask, keep_last: " + k + " }"));
        return Combinators.combine(treatment.list().ofSize(FIELDS.size()), Arbitraries.of(true, false), phoneScan, Arbitraries.of(true, false))
                .as(Version::new);
    }

    @Property(tries = 200)
    void diffFlagsExactlyWhatThePreviewShowsMoreOf(@ForAll("versions") Version before, @ForAll("versions") Version after) {
        TracedResult old = ENGINE.trace(compile(before), null, input);
        TracedResult next = ENGINE.trace(compile(after), null, input);

        Map<String, Integer> was = readable(old.result().document());
        Map<String, Integer> now = readable(next.result().document());
        List<String> grew = new ArrayList<>();
        now.forEach((key, count) -> {
            if (count > was.getOrDefault(key, 0)) {
                grew.add(key);
            }
        });
        SampleDiff diff = PolicyDiff.compare("s", null, input, old, next, DetectorRegistry.defaults());
        assertThat(!diff.exposures().isEmpty()).as("%s -> %s: preview shows more of %s; diff found %s", before, after, grew, diff.exposures())
                .isEqualTo(!grew.isEmpty());
        for (ValueExposure e : diff.exposures()) {
            String field = e.path().substring(2);
            if (FIELDS.contains(field) && e.source().equals(e.path())) {
                String original = input.get(field).asText();
                assertThat(e.after()).as("%s -> %s at %s", before, after, field)
                        .isEqualTo(inPlace(original, next.result().document().get(field)));
            }
        }
    }

    /**
     * Letters and digits of each value shown in each place of a preview, by "place value": the four
     * fields, the first name alone (the sign-off is a name of its own) and the note, whose pieces
     * are compared with the values written there; a note shown at all shows its own text.
     */
    private Map<String, Integer> readable(JsonNode preview) {
        Map<String, Integer> read = new HashMap<>();
        for (String field : FIELDS) {
            read.put(field + " " + field, inPlace(input.get(field).asText(), preview.get(field)));
        }
        JsonNode name = preview.get("name");
        read.put("name Dana", name == null || !name.isTextual() ? 0 : inPlace("Dana Whitfield", name.textValue(), 4));
        List<String> piece = pieces(preview.get("note"));
        // a value shown twice is read at most whole: 13 letters of the name, 4 of the first name
        read.put("note name", Math.min(13, inPlace("Dana Whitfield", piece.get(0)) + inPlace("Dana", piece.get(4))));
        read.put("note phone", inPlace("+1 415 555 0132", piece.get(1)));
        read.put("note account", inPlace("AB12CD34EF56", piece.get(2)));
        read.put("note Dana", Math.min(4, inPlace("Dana Whitfield", piece.get(0), 4) + inPlace("Dana", piece.get(4))));
        read.put("note note", preview.has("note") ? 1 : 0);
        return read;
    }

    private CompiledPolicy compile(Version version) {
        StringBuilder yaml = new StringBuilder(header())
                .append("defaults:\n  propagate: ").append(version.propagate()).append("\n  scan: [PHONE]\n  scan_actions:\n    PHONE: ")
                .append(version.phoneScan()).append("\ntokens:\n  person: { format: hash, prefix: \"cust_\" }\nfields:\n");
        for (int i = 0; i < FIELDS.size(); i++) {
            yaml.append("  - { path: \"$.").append(FIELDS.get(i)).append("\", ").append(version.treatments().get(i)).append(TYPES.get(i)).append(" }\n");
        }
        yaml.append("  - { path: \"$.note\", action: ").append(version.scanNote() ? "scan" : "drop").append(" }\n");
        return compiler.compile(compiler.loader().parse("p.yaml", yaml.toString()));
    }

    /** The note's five pieces as shown, or five empty pieces when the note is gone. */
    private static List<String> pieces(JsonNode note) {
        if (note == null) {
            return List.of("", "", "", "", "");
        }
        Matcher m = NOTE.matcher(note.asText());
        assertThat(m.matches()).as(note.asText()).isTrue();
        return List.of(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
    }

    private static int inPlace(String original, JsonNode shown) {
        return shown == null || !shown.isTextual() ? 0 : inPlace(original, shown.textValue());
    }

    private static int inPlace(String original, String shown) {
        return inPlace(original, shown, original.length());
    }

    /** Letters and digits of the original's first {@code upTo} characters shown at the same position; 0 when the output has another length. */
    private static int inPlace(String original, String shown, int upTo) {
        if (shown.length() != original.length()) {
            return 0;
        }
        int same = 0;
        for (int i = 0; i < upTo; i++) {
            char c = original.charAt(i);
            same += Character.isLetterOrDigit(c) && shown.charAt(i) == c ? 1 : 0;
        }
        return same;
    }
}
