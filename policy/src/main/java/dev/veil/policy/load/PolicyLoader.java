package dev.veil.policy.load;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.model.PolicySpec;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.io.LimitedInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        String name = file.toString();
        byte[] bytes;
        // the limit holds while reading: a pipe or device (/dev/stdin, /dev/zero) has no size to check first
        try (InputStream in = Files.newInputStream(file)) {
            bytes = LimitedInput.readAtMost(in, MAX_FILE_BYTES,
                    () -> single(name, "file is larger than " + MAX_FILE_BYTES + " bytes (expected: at most " + MAX_FILE_BYTES + ")"));
        } catch (NoSuchFileException e) {
            throw single(name, "no such file");
        } catch (IOException e) {
            throw single(name, "cannot read file: " + e.getClass().getSimpleName());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw single(name, "not UTF-8 text (expected: a UTF-8 YAML file)");
        }
        return parse(name, text);
    }

    /** Reads and checks a policy given as text; {@code fileName} is how problems name it. */
    public PolicySpec parse(String fileName, String text) {
        requireNonNull(fileName, "fileName");
        requireNonNull(text, "text");
        if (text.length() > MAX_FILE_BYTES) {
            throw single(fileName, "policy is " + text.length() + " characters (expected: at most " + MAX_FILE_BYTES + ")");
        }
        Problems problems = new Problems(fileName);
        YamlNode root;
        try {
            root = new YamlTreeReader().read(text, problems);
        } catch (YamlSyntaxException e) {
            problems.add(e.mark(), "", e.getMessage());
            problems.throwIfAny();
            throw new AssertionError("unreachable");
        }
        PolicySpec spec = new PolicyReader(problems, builtInTypes).read(root);
        problems.throwIfAny();
        return spec;
    }

    private static PolicyException single(String file, String message) {
        return new PolicyException(java.util.List.of(new Problem(file, 1, 1, "", message, null)));
    }
}
