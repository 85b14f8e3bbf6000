package dev.veil.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code veil} command line: the entry point of the runnable jar. */
@Command(
        name = "veil",
        mixinStandardHelpOptions = true,
        version = "veil 0.1.0",
        description = "PII-tokenizing gateway for gig customer service.",
        subcommands = {CommandLine.HelpCommand.class, PolicyCommand.class})
public final class VeilCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new VeilCommand());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
