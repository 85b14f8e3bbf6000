package dev.veil.policy.load;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.model.PolicySpec;
import dev.veil.policy.yaml.Mark;
import dev.veil.policy.yaml.Problems;
import dev.veil.policy.yaml.YamlNode;
import dev.veil.policy.yaml.YamlText;
import dev.veil.policy.yaml.YamlTreeReader;
import dev.veil.tokenizer.detect.PiiType;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads policy files: YAML in, a checked {@link PolicySpec} out, or a {@link PolicyException}
 * listing every problem with file, line, column, key path and a suggestion for typos.
 * Immutable and thread-safe.
 */
public final class PolicyLoader {

    /** Largest policy file accepted. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private final Set<PiiType> builtInTypes;

    private PolicyLoader(Set<PiiType> builtInTypes) {
        this.builtInTypes = Set.copyOf(builtInTypes);
    }

    /** A loader that accepts, in {@code defaults.scan}, the given built-in types and the policy's own detectors. */
    public static PolicyLoader of(Set<PiiType> builtInTypes) {
        requireNonNull(builtInTypes, "builtInTypes");
        return new PolicyLoader(builtInTypes);
    }

    /** Reads and checks the policy in {@code file}; problems name the file as given. */
    public PolicySpec load(Path file) {
        requireNonNull(file, "file");
        Problems problems = new Problems(file.toString());
        String text = YamlText.read(file, MAX_FILE_BYTES, problems);
        problems.throwIfAny(PolicyException::new);
        return parse(file.toString(), text);
    }

    /** Reads and checks a policy given as text; {@code fileName} is how problems name it. */
    public PolicySpec parse(String fileName, String text) {
        requireNonNull(fileName, "fileName");
        requireNonNull(text, "text");
        Problems problems = new Problems(fileName);
        if (text.length() > MAX_FILE_BYTES) {
            problems.add(Mark.START, "", "policy is " + text.length() + " characters (expected: at most " + MAX_FILE_BYTES + ")");
            problems.throwIfAny(PolicyException::new);
        }
        YamlNode root = YamlTreeReader.of("policy").read(text, problems);
        if (root == null && !problems.isEmpty()) {
            problems.throwIfAny(PolicyException::new); // not YAML: nothing more to check
        }
        PolicySpec spec = new PolicyReader(problems, builtInTypes).read(root);
        problems.throwIfAny(PolicyException::new);
        return spec;
    }
}
