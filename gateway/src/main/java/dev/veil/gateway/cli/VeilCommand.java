package dev.veil.gateway.cli;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.error.SafeErrors;
import java.io.InputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code veil} command line: the entry point of the runnable jar. */
@Command(
        name = "veil",
        mixinStandardHelpOptions = true,
        version = "veil 0.1.0",
        description = "PII-tokenizing gateway for gig customer service.",
        subcommands = {PolicyCommand.class, DetectCommand.class, TokenizeCommand.class, DetokenizeCommand.class, KeysCommand.class, ConfigCommand.class, CertsCommand.class, ServeCommand.class, TicketCommand.class, CrmCommand.class, DevCommand.class, CommandLine.HelpCommand.class})
public final class VeilCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;

    private VeilCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, reading standard input. */
    public static CommandLine commandLine() {
        return commandLine(System.in);
    }

    /** The configured command line, reading {@code stdin} where a command reads standard input. */
    public static CommandLine commandLine(InputStream stdin) {
        return new CommandLine(new VeilCommand(requireNonNull(stdin, "stdin")))
                .setExecutionExceptionHandler(VeilCommand::reportFailure);
    }

    /**
     * Reports a failed command as one line on standard error, built only from
     * {@link SafeErrors#describe}: a {@link dev.veil.tokenizer.error.VeilException} gives its
     * PII-free detail, anything else (a JDK parser's exception, say, which may quote its input) is
     * named by type. Stack traces are noise for users.
     */
    private static int reportFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": " + failureMessage(e));
        return 1;
    }

    static String failureMessage(Exception e) {
        return SafeErrors.describe(e).detail();
    }

    InputStream stdin() {
        return stdin;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
