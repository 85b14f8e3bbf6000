package dev.veil.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.diff.PathChange;
import dev.veil.policy.diff.PolicyDiff;
import dev.veil.policy.diff.SampleDiff;
import dev.veil.policy.diff.Seen;
import dev.veil.policy.diff.SpecChange;
import dev.veil.policy.diff.ValueExposure;
import dev.veil.policy.engine.DocumentRejectedException;
import dev.veil.policy.engine.TracedResult;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.token.TokenizationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code veil policy diff OLD NEW --sample TICKET...}: what experts of every view would read
 * differently under the new version, value by value, with every personal-data value they can read
 * more characters of flagged as an exposure (exit status 3).
 */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {"Show what experts of every view would read differently under a new version of a policy, on sample tickets.",
                "A personal-data value of which experts can read more characters anywhere in a view is flagged !! NEWLY EXPOSED.",
                "Exit status: 0 same or safer, 3 exposure (a value newly exposed, or a policy change that widens who may see what),",
                "1 error, 2 usage."})
final class PolicyDiffCommand implements Callable<Integer> {

    static final int EXPOSED_EXIT = 3;
    static final String SCHEMA = "veil.policy-diff/1";
    private static final String BASE = "base";
    private static final int KEY_SETS = 3;
    private static final int MAX_SAMPLES = 10_000;
    private static final String LOUD = "!! NEWLY EXPOSED  ";
    private static final String QUIET = "   changed        ";
    private static final int WINDOW = 100;
    private static final int WINDOW_BEFORE = 40;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD.yaml", description = "The policy in force.")
    Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW.yaml", description = "The version to put in force.")
    Path newFile;

    @Option(names = "--sample", required = true, arity = "1..*", paramLabel = "TICKET",
            description = "Sample tickets to compare on: files, folders (every .json file in them, recursively) or globs such as 'samples/*.json'.")
    List<String> samples;

    @Option(names = "--view", paramLabel = "NAME",
            description = "Compare only this expert tier's view (a view new in NEW is compared with OLD's base view). Default: every view.")
    String view;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json (schema in docs/policy.md).")
    String format;

    @Option(names = "--fail-on-exposure", description = "Kept for older scripts: exposure always exits with status 3.")
    boolean failOnExposure;

    @Mixin
    KeyOptions keyOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (!format.equals("text") && !format.equals("json")) {
                err.println("veil: --format must be text or json");
                return 2;
            }
            return diff(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int diff(PrintWriter out, PrintWriter err) {
        List<Path> files = expand(samples, err);
        if (files == null) {
            return 2;
        }
        // each set of throwaway keys makes both versions, so that the same deterministic token reads the same;
        // several sets, so that a token character equal to the original's by chance under one key is not counted
        List<PolicyTools> toolsets = new ArrayList<>();
        List<CompiledPolicy> befores = new ArrayList<>();
        List<CompiledPolicy> afters = new ArrayList<>();
        for (int i = 0; i < KEY_SETS; i++) {
            PolicyTools set = PolicyTools.with(keyOptions);
            CompiledPolicy one = set.compile(oldFile, err);
            if (one == null) {
                return 1;
            }
            CompiledPolicy two = set.compile(newFile, err);
            if (two == null) {
                return 1;
            }
            toolsets.add(set);
            befores.add(one);
            afters.add(two);
        }
        PolicyTools tools = toolsets.get(0);
        CompiledPolicy before = befores.get(0);
        CompiledPolicy after = afters.get(0);
        List<String> views = new ArrayList<>();
        if (view != null) {
            if (!after.views().contains(view)) {
                err.println("veil: view " + view + " is not in " + newFile + " (it has: " + after.views() + ")");
                return 2;
            }
            views.add(view);
        } else {
            views.add(null);
            views.addAll(new java.util.TreeSet<>(after.views()));
        }
        List<SpecChange> specChanges = PolicyDiff.compare(before.spec(), after.spec());
        DetectorRegistry detectors = DetectorRegistry.defaults();
        List<SampleDiff> diffs = new ArrayList<>();
        for (Path sample : files) {
            JsonNode input = tools.readTicket(sample, err);
            if (input == null) {
                return 1;
            }
            for (String tier : views) {
                String oldTier = tier != null && before.views().contains(tier) ? tier : null;
                try {
                    List<TracedResult> was = new ArrayList<>();
                    List<TracedResult> now = new ArrayList<>();
                    for (int i = 0; i < KEY_SETS; i++) {
                        was.add(toolsets.get(i).engine().trace(befores.get(i), oldTier, input));
                        now.add(toolsets.get(i).engine().trace(afters.get(i), tier, input));
                    }
                    diffs.add(PolicyDiff.compare(sample.toString(), tier, input, was, now, detectors));
                } catch (DocumentRejectedException | TokenizationException e) {
                    err.println(sample + ": " + e.detail());
                    return 1;
                }
            }
        }
        boolean widened = specChanges.stream().anyMatch(SpecChange::mayExpose);
        boolean exposed = diffs.stream().anyMatch(d -> !d.exposures().isEmpty());
        int exit = widened || exposed ? EXPOSED_EXIT : 0;
        if (format.equals("json")) {
            out.println(json(before, after, specChanges, diffs, views, exit));
        } else {
            text(out, before, after, specChanges, diffs, files.size());
        }
        return exit;
    }

    /** The sample files {@code patterns} name, sorted per pattern, or {@code null} after saying why. */
    private static List<Path> expand(List<String> patterns, PrintWriter err) {
        List<Path> files = new ArrayList<>();
        for (String pattern : patterns) {
            List<Path> found = new ArrayList<>();
            try {
                if (pattern.contains("*") || pattern.contains("?") || pattern.contains("[") || pattern.contains("{")) {
                    int cut = firstGlobChar(pattern);
                    int slash = pattern.lastIndexOf('/', cut);
                    Path root = Path.of(slash < 0 ? "." : slash == 0 ? "/" : pattern.substring(0, slash));
                    var matcher = root.getFileSystem().getPathMatcher("glob:" + (slash < 0 ? pattern : pattern.substring(slash + 1)));
                    if (Files.isDirectory(root)) {
                        try (Stream<Path> walk = Files.walk(root)) {
                            walk.filter(Files::isRegularFile).filter(p -> matcher.matches(root.relativize(p))).sorted().forEach(found::add);
                        }
                    }
                } else if (Files.isDirectory(Path.of(pattern))) {
                    try (Stream<Path> walk = Files.walk(Path.of(pattern))) {
                        walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(found::add);
                    }
                } else {
                    found.add(Path.of(pattern));
                }
            } catch (IOException | IllegalArgumentException e) {
                err.println("veil: cannot list samples for pattern " + (patterns.indexOf(pattern) + 1) + " (" + e.getClass().getSimpleName() + ")");
                return null;
            }
            if (found.isEmpty()) {
                err.println("veil: no sample file matches " + pattern);
                return null;
            }
            files.addAll(found);
            if (files.size() > MAX_SAMPLES) {
                err.println("veil: more than " + MAX_SAMPLES + " sample files");
                return null;
            }
        }
        return files;
    }

    private static int firstGlobChar(String pattern) {
        int cut = pattern.length();
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int at = pattern.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return cut;
    }

    private static String json(CompiledPolicy before, CompiledPolicy after, List<SpecChange> specChanges, List<SampleDiff> diffs,
            List<String> views, int exit) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", SCHEMA);
        root.set("old", version(mapper, before));
        root.set("new", version(mapper, after));
        root.put("verdict", exit == 0 ? "same_or_safer" : "exposure");
        root.put("exit_code", exit);
        ArrayNode changes = root.putArray("policy_changes");
        for (SpecChange change : specChanges) {
            changes.addObject().put("change", change.description()).put("widens", change.mayExpose());
        }
        ArrayNode samples = root.putArray("samples");
        ObjectNode current = null;
        for (SampleDiff diff : diffs) {
            if (current == null || !current.get("sample").asText().equals(diff.sample())) {
                current = samples.addObject();
                current.put("sample", diff.sample());
                current.putArray("views");
            }
            ObjectNode tier = ((ArrayNode) current.get("views")).addObject();
            tier.put("view", diff.view() == null ? BASE : diff.view());
            tier.put("compared_with", diff.view() != null && before.views().contains(diff.view()) ? diff.view() : BASE);
            tier.put("changed_values", diff.changes().size());
            ArrayNode exposures = tier.putArray("exposures");
            for (ValueExposure e : diff.exposures()) {
                exposures.addObject().put("path", e.path()).put("type", e.type()).put("source", e.source())
                        .put("old_visible_chars", e.before()).put("new_visible_chars", e.after());
            }
        }
        try {
            return PolicyTools.pretty(root);
        } catch (RuntimeException e) {
            return root.toString();
        }
    }

    private static ObjectNode version(ObjectMapper mapper, CompiledPolicy policy) {
        ObjectNode node = mapper.createObjectNode();
        node.put("policy", policy.name()).put("brand", policy.brand()).put("version", policy.version());
        return node;
    }

    private void text(PrintWriter out, CompiledPolicy before, CompiledPolicy after, List<SpecChange> specChanges, List<SampleDiff> diffs,
            int sampleCount) {
        out.println(before.name() + " v" + before.version() + " (" + oldFile + ") -> " + after.name() + " v" + after.version() + " (" + newFile + ")");
        if (!before.brand().equals(after.brand())) {
            out.println("note: the versions are for different brands (" + before.brand() + ", " + after.brand() + ")");
        }
        int widening = printSpecChanges(out, specChanges);
        int exposedValues = 0;
        java.util.Set<String> samplesExposing = new java.util.HashSet<>();
        String lastSample = null;
        for (SampleDiff diff : diffs) {
            if (!diff.sample().equals(lastSample)) {
                out.println();
                out.println("Sample " + diff.sample() + ":");
                lastSample = diff.sample();
            }
            String oldTier = diff.view() != null && before.views().contains(diff.view()) ? diff.view() : BASE;
            out.println("  view " + (diff.view() == null ? BASE : diff.view())
                    + (oldTier.equals(diff.view() == null ? BASE : diff.view()) ? "" : " (new; compared with the old " + BASE + " view)") + ":");
            printSample(out, diff);
            exposedValues += diff.exposures().size();
            if (!diff.exposures().isEmpty()) {
                samplesExposing.add(diff.sample());
            }
        }
        out.println();
        if (exposedValues > 0) {
            out.println("!! " + exposedValues + (exposedValues == 1 ? " exposure" : " exposures") + " (values experts can read more of) in "
                    + samplesExposing.size() + " of " + sampleCount + (sampleCount == 1 ? " sample" : " samples"));
        } else {
            out.println("no value is newly exposed to experts in " + sampleCount + (sampleCount == 1 ? " sample" : " samples")
                    + (widening > 0 ? " (but see the policy changes flagged above)" : ""));
        }
    }

    private static int printSpecChanges(PrintWriter out, List<SpecChange> changes) {
        out.println();
        if (changes.isEmpty()) {
            out.println("Policy changes: none besides the version");
            return 0;
        }
        out.println("Policy changes (!! widens who may see what):");
        int exposing = 0;
        for (SpecChange change : changes) {
            out.println((change.mayExpose() ? "  !! " : "     ") + change.description());
            exposing += change.mayExpose() ? 1 : 0;
        }
        return exposing;
    }

    private static void printSample(PrintWriter out, SampleDiff diff) {
        if (diff.changes().isEmpty() && diff.exposures().isEmpty()) {
            out.println("   experts see it exactly as before");
            return;
        }
        for (PathChange change : diff.changes()) {
            int from = windowStart(change.before().shown(), change.after().shown());
            out.println((change.exposed() ? LOUD : QUIET) + change.path());
            out.println("       before: " + describe(change.before(), from));
            out.println("       after:  " + describe(change.after(), from));
        }
        for (ValueExposure e : diff.exposures()) {
            out.println("   !! " + e.type() + " from " + e.source() + " at " + e.path() + ": " + e.before() + " -> " + e.after()
                    + " characters readable");
        }
        out.println("   " + diff.changes().size() + (diff.changes().size() == 1 ? " value differs" : " values differ") + ", "
                + diff.exposures().size() + " newly exposed");
    }

    private static String describe(Seen seen, int from) {
        String shown = seen.shown() == null ? "" : "  -> " + quote(seen.shown(), from);
        return String.format("%-9s %s%s", seen.exposure().label(), seen.how(), shown);
    }

    /** Where to start showing two long texts so that their first difference is in view. */
    private static int windowStart(String before, String after) {
        if (before == null || after == null) {
            return 0;
        }
        int same = 0;
        while (same < before.length() && same < after.length() && before.charAt(same) == after.charAt(same)) {
            same++;
        }
        return Math.max(0, same - WINDOW_BEFORE);
    }

    private static String quote(String text, int from) {
        String oneLine = text.replace("\n", "\\n");
        int start = Math.min(from, oneLine.length());
        int end = Math.min(oneLine.length(), start + WINDOW);
        return (start > 0 ? "..." : "") + "\"" + oneLine.substring(start, end) + "\"" + (end < oneLine.length() ? "..." : "");
    }
}
