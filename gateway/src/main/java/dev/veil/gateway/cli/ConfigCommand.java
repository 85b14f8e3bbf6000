package dev.veil.gateway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code veil config}: tools for {@code veil.yaml}, the gateway's configuration. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Checks veil.yaml, the gateway's configuration (veil config check).",
        subcommands = {ConfigCheckCommand.class})
public final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
