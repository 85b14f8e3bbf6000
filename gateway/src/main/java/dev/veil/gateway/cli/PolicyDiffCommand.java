package dev.veil.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.diff.PathChange;
import dev.veil.policy.diff.PolicyDiff;
import dev.veil.policy.diff.SampleDiff;
import dev.veil.policy.diff.Seen;
import dev.veil.policy.diff.SpecChange;
import dev.veil.policy.engine.DocumentRejectedException;
import dev.veil.tokenizer.token.TokenizationException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code veil policy diff OLD NEW --sample TICKET...}: what experts would see differently under the
 * new version, value by value, with newly exposed values flagged loudly.
 */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {"Show what experts would see differently under a new version of a policy, on sample tickets.",
                "Values the new version exposes more are flagged with !! NEWLY EXPOSED.",
                "Exit status: 0, or 3 with --fail-on-exposure when anything is newly exposed; 1 on errors."})
final class PolicyDiffCommand implements Callable<Integer> {

    static final int EXPOSED_EXIT = 3;
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

    @Option(names = "--sample", required = true, arity = "1..*", paramLabel = "TICKET.json", description = "Sample tickets to compare on.")
    List<Path> samples;

    @Option(names = "--view", paramLabel = "NAME", description = "Compare this expert tier's view (it must exist in both versions).")
    String view;

    @Option(names = "--fail-on-exposure", description = "Exit with status 3 if any value is newly exposed (for CI).")
    boolean failOnExposure;

    @Mixin
    KeyOptions keyOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return diff(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int diff(PrintWriter out, PrintWriter err) {
        PolicyTools tools = PolicyTools.with(keyOptions);
        CompiledPolicy before = tools.compile(oldFile, err);
        CompiledPolicy after = tools.compile(newFile, err);
        if (before == null || after == null) {
            return 1;
        }
        if (view != null && (!before.views().contains(view) || !after.views().contains(view))) {
            err.println("veil: view " + view + " must exist in both versions (old has: " + before.views() + ", new has: " + after.views() + ")");
            return 1;
        }
        out.println(before.name() + " v" + before.version() + " (" + oldFile + ") -> " + after.name() + " v" + after.version() + " (" + newFile + ")"
                + (view == null ? "" : ", view " + view));
        if (!before.brand().equals(after.brand())) {
            out.println("note: the versions are for different brands (" + before.brand() + ", " + after.brand() + ")");
        }
        int exposedSpec = printSpecChanges(out, PolicyDiff.compare(before.spec(), after.spec()));
        int exposedValues = 0;
        int samplesExposing = 0;
        for (Path sample : samples) {
            JsonNode input = tools.readTicket(sample, err);
            if (input == null) {
                return 1;
            }
            SampleDiff diff;
            try {
                diff = PolicyDiff.compare(sample.toString(), input, tools.engine().apply(before, view, input), tools.engine().apply(after, view, input));
            } catch (DocumentRejectedException | TokenizationException e) {
                err.println(sample + ": " + e.detail());
                return 1;
            }
            int exposed = printSample(out, diff);
            exposedValues += exposed;
            samplesExposing += exposed > 0 ? 1 : 0;
        }
        out.println();
        if (exposedValues > 0) {
            out.println("!! " + exposedValues + (exposedValues == 1 ? " value" : " values") + " newly exposed to experts in "
                    + samplesExposing + " of " + samples.size() + (samples.size() == 1 ? " sample" : " samples"));
        } else {
            out.println("no value is newly exposed to experts in " + samples.size() + (samples.size() == 1 ? " sample" : " samples")
                    + (exposedSpec > 0 ? " (but see the policy changes flagged above)" : ""));
        }
        return failOnExposure && (exposedValues > 0 || exposedSpec > 0) ? EXPOSED_EXIT : 0;
    }

    private static int printSpecChanges(PrintWriter out, List<SpecChange> changes) {
        out.println();
        if (changes.isEmpty()) {
            out.println("Policy changes: none besides the version");
            return 0;
        }
        out.println("Policy changes:");
        int exposing = 0;
        for (SpecChange change : changes) {
            out.println((change.mayExpose() ? "  !! " : "     ") + change.description());
            exposing += change.mayExpose() ? 1 : 0;
        }
        return exposing;
    }

    private static int printSample(PrintWriter out, SampleDiff diff) {
        out.println();
        out.println("Sample " + diff.sample() + ":");
        if (diff.changes().isEmpty()) {
            out.println("   experts see it exactly as before");
            return 0;
        }
        for (PathChange change : diff.changes()) {
            int from = windowStart(change.before().shown(), change.after().shown());
            out.println((change.exposed() ? LOUD : QUIET) + change.path());
            out.println("       before: " + describe(change.before(), from));
            out.println("       after:  " + describe(change.after(), from));
        }
        int exposed = diff.exposed().size();
        out.println("   " + diff.changes().size() + (diff.changes().size() == 1 ? " value differs" : " values differ") + ", "
                + exposed + " newly exposed");
        return exposed;
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
