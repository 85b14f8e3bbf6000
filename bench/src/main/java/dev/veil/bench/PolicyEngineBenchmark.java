package dev.veil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.engine.EngineLimits;
import dev.veil.policy.engine.PolicyEngine;
import dev.veil.policy.engine.SanitizeResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Applying a brand's policy to a ticket (the example Acme policy on the example Zendesk ticket, and
 * on a ticket grown to about 1 MiB of comments), next to the floor measured in the same run: parsing
 * the same bytes into a tree and writing it back, which any policy engine must at least do.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PolicyEngineBenchmark {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int LARGE_BYTES = 1 << 20;

    private final PolicyEngine engine = PolicyEngine.of(EngineLimits.defaults());
    private CompiledPolicy policy;
    private byte[] ticket;
    private byte[] large;
    private byte[] largeDistinct;

    @Setup
    public void setUp() throws IOException {
        policy = EngineRun.compile("acme.yaml", resource("acme.yaml"));
        ticket = resource("zendesk-en.json").getBytes(StandardCharsets.UTF_8);
        large = grow(ticket, false);
        largeDistinct = grow(ticket, true);
        System.out.println("ticket: " + ticket.length + " bytes, large ticket: " + large.length + " bytes");
    }

    @Benchmark
    public JsonNode ticketApply() {
        return engine.apply(policy, null, ticket).document();
    }

    /** What intake does: the base policy and each of its views, one {@code apply} per view (before {@code applyViews}). */
    @Benchmark
    public int ticketEachView() {
        JsonNode raw = engine.parse(ticket);
        int size = engine.apply(policy, null, raw).report().tokens().size();
        for (String view : policy.views()) {
            size += engine.apply(policy, view, raw).report().tokens().size();
        }
        return size;
    }

    /** The same views in one {@code applyViews} call, which detects each text once for all of them. */
    @Benchmark
    public int ticketAllViews() {
        List<String> views = new ArrayList<>();
        views.add(null);
        views.addAll(policy.views());
        int size = 0;
        for (SanitizeResult result : engine.applyViews(policy, views, engine.parse(ticket)).values()) {
            size += result.report().tokens().size();
        }
        return size;
    }

    @Benchmark
    public String ticketBaselineParseAndWrite() throws IOException {
        return MAPPER.writeValueAsString(MAPPER.readTree(ticket));
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public JsonNode largeApply() {
        return engine.apply(policy, null, large).document();
    }

    /** The 1 MiB ticket without recurring texts: every comment is scanned (in {@code largeApply} each distinct text once). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public JsonNode largeDistinctApply() {
        return engine.apply(policy, null, largeDistinct).document();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public String largeBaselineParseAndWrite() throws IOException {
        return MAPPER.writeValueAsString(MAPPER.readTree(large));
    }

    /**
     * The ticket with its comments repeated until it is just under 1 MiB; when {@code distinct},
     * each copy's body ends in its own number, so that no text recurs (the engine scans a text
     * that recurs in a document once).
     */
    static byte[] grow(byte[] ticket, boolean distinct) throws IOException {
        ObjectNode root = (ObjectNode) MAPPER.readTree(ticket);
        ArrayNode comments = (ArrayNode) root.at("/ticket/comments");
        ArrayNode originals = comments.deepCopy();
        byte[] out = MAPPER.writeValueAsBytes(root);
        int copy = 0;
        while (true) {
            for (JsonNode comment : originals) {
                ObjectNode added = (ObjectNode) comment.deepCopy();
                if (distinct) {
                    added.put("body", added.path("body").asText() + " (ref " + ++copy + ")");
                }
                comments.add(added);
            }
            byte[] next = MAPPER.writeValueAsBytes(root);
            if (next.length > LARGE_BYTES) {
                return out;
            }
            out = next;
        }
    }

    /** A resource of this package as text (the example policy and ticket). */
    static String resource(String name) {
        try (InputStream in = PolicyEngineBenchmark.class.getResourceAsStream("/dev/veil/bench/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
