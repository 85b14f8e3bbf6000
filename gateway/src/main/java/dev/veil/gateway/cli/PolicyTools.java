package dev.veil.gateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.policy.engine.EngineLimits;
import dev.veil.policy.engine.PolicyEngine;
import dev.veil.policy.load.PolicyException;
import dev.veil.policy.yaml.Problem;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.vault.InMemoryTokenStore;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.policy.engine.DocumentRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;

/** What the policy commands share: a compiler over the chosen keys and an in-memory token store, an engine, output helpers. */
final class PolicyTools {

    static final String THROWAWAY_KEYS = "veil: tokens made with throwaway keys; pass --keyring to use real ones";

    private static final ObjectWriter PRETTY = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private final PolicyCompiler compiler;
    private final KeyProvider keys;
    private final PolicyEngine engine = PolicyEngine.of(EngineLimits.defaults());

    PolicyTools(KeyProvider keys, SecureRandom random) {
        this.keys = keys;
        // tokens live only as long as the command: previews never write to a real token store
        this.compiler = PolicyCompiler.builder()
                .keys(keys)
                .tokenStore(InMemoryTokenStore.of())
                .random(random)
                .detectors(DetectorRegistry.defaults())
                .build();
    }

    /**
     * Tools over the keys {@code options} name. A keyring that cannot be opened is an exception,
     * reported by the command line as one line.
     */
    static PolicyTools with(KeyOptions options) {
        SecureRandom random = new SecureRandom();
        return new PolicyTools(options.keys(random, System.getenv()), random);
    }

    PolicyCompiler compiler() {
        return compiler;
    }

    /** The keys tokens are made with. */
    KeyProvider keys() {
        return keys;
    }

    PolicyEngine engine() {
        return engine;
    }

    /** The compiled policy, or {@code null} after printing its problems to {@code err}. */
    CompiledPolicy compile(Path file, PrintWriter err) {
        try {
            return compiler.load(file);
        } catch (PolicyException e) {
            printProblems(e, file, err);
            return null;
        }
    }

    static void printProblems(PolicyException e, Path file, PrintWriter err) {
        for (Problem problem : e.problems()) {
            err.println(problem);
        }
        err.println(file + ": " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems"));
    }

    /**
     * The ticket in {@code file}, parsed within the engine's limits, or {@code null} after saying
     * why on {@code err}. The size limit holds while reading: a 3 GB file (or an endless pipe) is
     * refused after {@code maxDocumentBytes + 1} bytes, never read whole.
     */
    JsonNode readTicket(Path file, PrintWriter err) {
        try (InputStream in = Files.newInputStream(file)) {
            return engine.parse(in);
        } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
        } catch (IOException e) {
            err.println(file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        } catch (DocumentRejectedException e) {
            err.println(file + ": " + e.detail());
        }
        return null;
    }

    static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written"); // never Jackson's exception as cause (error contract)
        }
    }
}
