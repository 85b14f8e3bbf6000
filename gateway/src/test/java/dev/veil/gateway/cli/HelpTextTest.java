package dev.veil.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} lists each sub-command by the first line of its description: that line is a whole sentence. */
class HelpTextTest {

    @Test
    void everySubCommandSummaryIsOneWholeSentence() {
        List<String> checked = new ArrayList<>();
        visit(VeilCommand.commandLine(new ByteArrayInputStream(new byte[0])), "veil", checked);

        assertThat(checked).contains("veil detect", "veil policy check", "veil keys init", "veil tokenize");
    }

    @Test
    void theCommandListShowsNoSummaryCutMidSentence() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"policy", "--help"}, new String[] {"keys", "--help"})) {
            CliRun run = CliRun.of("", args);
            assertThat(run.exitCode()).isZero();
            List<String> entries = commandEntries(run.out());
            assertThat(entries).as(String.join(" ", args)).isNotEmpty()
                    .allSatisfy(entry -> assertThat(entry).as(String.join(" ", args)).endsWith("."));
        }
    }

    private static void visit(CommandLine command, String path, List<String> checked) {
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            String name = path + " " + sub.getKey();
            String[] description = sub.getValue().getCommandSpec().usageMessage().description();
            assertThat(description).as(name).isNotEmpty();
            assertThat(description[0]).as("first description line of %s", name).endsWith(".").doesNotContain("\n");
            checked.add(name);
            visit(sub.getValue(), name, checked);
        }
    }

    /** The summaries under "Commands:", each joined across the lines it wraps onto. */
    private static List<String> commandEntries(String help) {
        List<String> entries = new ArrayList<>();
        boolean inCommands = false;
        for (String line : help.lines().toList()) {
            if (line.equals("Commands:")) {
                inCommands = true;
            } else if (inCommands && line.matches("  \\S.*")) {
                entries.add(line.strip().replaceFirst("^\\S+\\s+", ""));
            } else if (inCommands && line.matches("\\s{3,}\\S.*") && !entries.isEmpty()) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
            } else if (inCommands) {
                inCommands = false;
            }
        }
        return entries;
    }
}
