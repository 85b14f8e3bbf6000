package dev.veil.gateway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code veil policy}: the tools security teams use on a policy before it goes live. */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "Lint, preview and compare redaction policies.",
        subcommands = {PolicyInitCommand.class, PolicyCheckCommand.class, PolicyPreviewCommand.class, PolicyDiffCommand.class})
public final class PolicyCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
