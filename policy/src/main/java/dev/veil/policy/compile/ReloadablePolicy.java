package dev.veil.policy.compile;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.load.PolicyException;
import dev.veil.policy.yaml.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One brand's policy file and the compiled policy in force. {@link #reload()} compiles the file
 * anew and swaps the result in atomically; a broken file leaves the previous policy in force and
 * says why. Thread-safe: readers always see one whole compiled policy.
 */
public final class ReloadablePolicy {

    private final PolicyCompiler compiler;
    private final Path file;
    private final AtomicReference<CompiledPolicy> current;

    private ReloadablePolicy(PolicyCompiler compiler, Path file, CompiledPolicy first) {
        this.compiler = compiler;
        this.file = file;
        this.current = new AtomicReference<>(first);
    }

    /**
     * Loads {@code file} for the first time.
     *
     * @throws PolicyException if it has problems: there is no previous version to fall back on
     */
    public static ReloadablePolicy load(PolicyCompiler compiler, Path file) {
        requireNonNull(compiler, "compiler");
        requireNonNull(file, "file");
        return new ReloadablePolicy(compiler, file, compiler.load(file));
    }

    /** The policy in force. */
    public CompiledPolicy current() {
        return current.get();
    }

    /** The file this policy is loaded from. */
    public Path file() {
        return file;
    }

    /**
     * Compiles the file again and, if it has no problems and names the same brand, puts it in force.
     * Never throws for problems in the file: they are in the result, and the previous policy stays.
     */
    public synchronized ReloadResult reload() {
        CompiledPolicy previous = current.get();
        CompiledPolicy next;
        try {
            next = compiler.load(file);
        } catch (PolicyException e) {
            return new ReloadResult(false, previous, e.problems());
        }
        if (!next.brand().equals(previous.brand())) {
            Problem problem = new Problem(file.toString(), 1, 1, "brand", "brand " + next.brand()
                    + " (expected: " + previous.brand() + ", the brand this file was first loaded for)", null);
            return new ReloadResult(false, previous, List.of(problem));
        }
        current.set(next);
        return new ReloadResult(true, next, List.of());
    }

    /** The outcome of a reload: whether the new version was applied, the policy now in force, and the problems if not. */
    public record ReloadResult(boolean applied, CompiledPolicy inForce, List<Problem> problems) {

        public ReloadResult {
            requireNonNull(inForce, "inForce");
            problems = List.copyOf(problems);
        }
    }
}
