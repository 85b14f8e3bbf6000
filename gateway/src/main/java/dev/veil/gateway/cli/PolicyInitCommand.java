package dev.veil.gateway.cli;

import dev.veil.gateway.config.CrmKind;
import dev.veil.gateway.intake.crm.CrmPresets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code veil policy init --crm KIND}: writes the starting policy of a CRM, which {@code veil policy check} passes. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Writes a starting policy for a CRM: every field of its ticket shape named, with a safe action and a comment.",
            "Prints it, or writes --out FILE (never over an existing file)."})
final class PolicyInitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--crm", required = true, paramLabel = "KIND", description = "zendesk, salesforce or freshdesk.")
    String crm;

    @Option(names = "--brand", defaultValue = "acme", description = "The brand the policy is for (default: ${DEFAULT-VALUE}).")
    String brand;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the policy here instead of standard output.")
    Path out;

    @Override
    public Integer call() {
        CrmKind kind = CrmKind.byName(crm);
        if (kind == null || kind == CrmKind.WEBHOOK) {
            throw UsageException.usage("--crm " + crm + ": unknown (expected: zendesk, salesforce or freshdesk)");
        }
        String policy;
        try {
            policy = CrmPresets.policy(kind, brand);
        } catch (IllegalArgumentException e) {
            throw UsageException.usage("--brand: not a brand id (expected: lower-case letters, digits, - and _, at most 63)");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.print(policy);
            stdout.flush();
            return 0;
        }
        try {
            Files.writeString(out, policy, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw UsageException.usage(out + ": exists already (expected: a new file)");
        } catch (IOException e) {
            throw UsageException.usage(out + ": cannot be written (" + e.getClass().getSimpleName() + ")");
        }
        stdout.println(out + ": " + kind.yamlName() + " policy for brand " + brand + " (check it: veil policy check " + out + ")");
        stdout.flush();
        return 0;
    }
}
