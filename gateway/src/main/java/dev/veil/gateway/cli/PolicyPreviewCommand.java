package dev.veil.gateway.cli;

import dev.veil.policy.compile.CompiledPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.compile.PolicyKeys;
import dev.veil.policy.engine.SanitizeResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code veil policy preview}: a ticket as an expert would see it, and what each rule did to it. */
@Command(
        name = "preview",
        mixinStandardHelpOptions = true,
        description = {"Show a ticket as an expert would see it under a policy (and view), then a table of what each rule did.",
                "Nothing is stored: vaulted tokens live in memory for this run only."})
final class PolicyPreviewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The policy file.")
    Path policyFile;

    @Option(names = "--view", paramLabel = "NAME", description = "Show the ticket as this expert tier's view does.")
    String view;

    @Option(names = "--no-table", description = "Print only the expert's view of the ticket.")
    boolean noTable;

    @Mixin
    KeyOptions keyOptions;

    @Parameters(paramLabel = "TICKET.json", description = "The ticket, as the CRM sends it.")
    Path ticket;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return preview(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Names every key the policy needs that the keyring lacks, all at once, and how to create them. */
    private boolean keysPresent(PolicyTools tools, CompiledPolicy policy, PrintWriter err) {
        Set<String> present = new HashSet<>();
        tools.keys().keys().forEach(info -> present.add(info.keyId()));
        List<String> missing = PolicyKeys.required(policy.spec()).stream().filter(id -> !present.contains(id)).toList();
        if (missing.isEmpty()) {
            return true;
        }
        err.println("veil: keyring " + keyOptions.keyring + " lacks " + missing.size() + (missing.size() == 1 ? " key" : " keys")
                + " this policy needs: " + String.join(", ", missing));
        err.println("veil: create them with: veil keys init --policy " + policyFile + " --keyring " + keyOptions.keyring
                + (keyOptions.masterKeyFile == null ? "" : " --master-key-file " + keyOptions.masterKeyFile));
        return false;
    }

    private int preview(PrintWriter out, PrintWriter err) {
        PolicyTools tools = PolicyTools.with(keyOptions);
        CompiledPolicy policy = tools.compile(policyFile, err);
        if (policy == null) {
            return 1;
        }
        if (!keyOptions.ephemeral() && !keysPresent(tools, policy, err)) {
            return 1;
        }
        if (view != null && !policy.views().contains(view)) {
            throw UsageException.usage("--view: " + view + " (expected one of: " + String.join(", ", policy.views()) + ")");
        }
        JsonNode document = tools.readTicket(ticket, err);
        if (document == null) {
            return 1;
        }
        // a failure here (a missing key, say) is reported by VeilCommand from its PII-free detail
        SanitizeResult result = tools.engine().apply(policy, view, document);
        if (keyOptions.ephemeral()) {
            err.println(PolicyTools.THROWAWAY_KEYS);
            err.flush();
        }
        out.println(PolicyTools.pretty(result.document()));
        if (!noTable) {
            out.println();
            out.println("policy " + policy.name() + " v" + policy.version() + (view == null ? "" : ", view " + view) + ":");
            RuleTable.print(out, policy, view, result.report());
        }
        return 0;
    }
}
