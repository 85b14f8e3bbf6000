package dev.veil.policy.diff;

import static dev.veil.policy.TestPolicies.ENGINE;
import static dev.veil.policy.TestPolicies.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.TestPolicies;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.policy.engine.SanitizeResult;
import dev.veil.tokenizer.detect.DetectorRegistry;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random loosening and tightening edits to a policy: diff flags an exposure exactly when the
 * preview (the engine's output) of the new version shows some field in more of its original
 * characters than the old one, counted independently here as the letters and digits left in their
 * place. Masks keep 0, 4, 6 or 8 characters, since runs shorter than {@link Readable#MIN_RUN} are
 * deliberately not counted by diff.
 */
class PolicyDiffProperties {

    private static final List<String> FIELDS = List.of("name", "phone", "account");
    private static final List<String> TREATMENTS = List.of(
            "action: drop", "action: redact", "action: pseudonymize, token: person", "action: keep",
            "action: mask, keep_last: 0", "action: mask, keep_last: 4", "action: mask, keep_last: 6", "action: mask, keep_last: 8",
            "action: mask, keep_first: 4", "action: mask, keep_first: 8", "action: mask, keep_first: 4, keep_last: 4");
    private static final String SAMPLE = "{\"name\": \"Dana Whitfield\", \"phone\": \"+1 415 555 0132\", \"account\": \"AB12CD34EF56\"}";

    private final PolicyCompiler compiler = TestPolicies.compiler(DetectorRegistry.builder().build());
    private final JsonNode input = ENGINE.parse(SAMPLE.getBytes(UTF_8));

    @Provide
    Arbitrary<List<String>> treatments() {
        return Arbitraries.of(TREATMENTS).list().ofSize(FIELDS.size());
    }

    @Property(tries = 150)
    void diffFlagsExactlyWhatThePreviewShowsMoreOf(@ForAll("treatments") List<String> before, @ForAll("treatments") List<String> after) {
        SanitizeResult old = ENGINE.apply(compile(before), null, input);
        SanitizeResult next = ENGINE.apply(compile(after), null, input);

        boolean previewShowsMore = false;
        for (String field : FIELDS) {
            previewShowsMore |= inPlace(input.get(field).asText(), next.document().get(field)) > inPlace(input.get(field).asText(), old.document().get(field));
        }
        SampleDiff diff = PolicyDiff.compare("s", null, input, old, next, DetectorRegistry.defaults());
        assertThat(!diff.exposures().isEmpty()).as("%s -> %s: %s", before, after, diff.exposures()).isEqualTo(previewShowsMore);
        assertThat(diff.exposed().isEmpty()).isEqualTo(diff.exposures().isEmpty());
    }

    private CompiledPolicy compile(List<String> treatments) {
        StringBuilder yaml = new StringBuilder(header()).append("tokens:\n  person: { format: hash, prefix: \"cust_\" }\nfields:\n");
        for (int i = 0; i < FIELDS.size(); i++) {
            yaml.append("  - { path: \"$.").append(FIELDS.get(i)).append("\", ").append(treatments.get(i)).append(" }\n");
        }
        return compiler.compile(compiler.loader().parse("p.yaml", yaml.toString()));
    }

    /** Letters and digits of the original shown at the same position; 0 when the output has another length or is gone. */
    private static int inPlace(String original, JsonNode shown) {
        if (shown == null || !shown.isTextual() || shown.textValue().length() != original.length()) {
            return 0;
        }
        int same = 0;
        for (int i = 0; i < original.length(); i++) {
            char c = original.charAt(i);
            same += Character.isLetterOrDigit(c) && shown.textValue().charAt(i) == c ? 1 : 0;
        }
        return same;
    }
}
