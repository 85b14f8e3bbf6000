package dev.veil.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every command the docs show, from the repository root as a reader would, and checks its exit
 * code and output against the page. A transcript in a fenced block is {@code $ ./veil ...} (or
 * {@code $ echo 'LINE' | ./veil ...}), the output lines it prints (a line of {@code ...} stands for
 * lines left out), and optionally {@code $ echo $?} with the exit code; without one the exit code
 * is 0. Documented lines must appear in the output in that order; tokens and card-shaped digit runs,
 * which differ between runs made with throwaway keys, are compared by shape. A bare
 * {@code ./veil ...} line in a block must exit with 0.
 */
class DocumentedCommandsTest {

    private static final Path ROOT = Path.of(PolicyCommandTest.example("."));
    private static final Pattern ECHO_PIPE = Pattern.compile("echo '([^']*)' \\| (\\./veil .*)");
    private static final Pattern TOKEN = Pattern.compile("\\b[a-z]{2,8}_[0-9A-Za-z]{12,}\\b");
    private static final Pattern CARD_DIGITS = Pattern.compile("\\b\\d{13,19}\\b");

    record Transcript(String page, int line, String command, List<String> output, int exitCode) {
        @Override
        public String toString() {
            return page + ":" + line + ": " + command;
        }
    }

    static Stream<Transcript> transcripts() throws IOException {
        List<Transcript> all = new ArrayList<>();
        for (String page : List.of("docs/policy.md", "docs/detection.md")) {
            all.addAll(parse(page, Files.readAllLines(ROOT.resolve(page))));
        }
        assertThat(all).extracting(Transcript::page).contains("docs/policy.md", "docs/detection.md");
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void documentedCommandDoesWhatThePageSays(Transcript transcript) throws IOException {
        String stdin = "";
        String command = transcript.command();
        Matcher echo = ECHO_PIPE.matcher(command);
        if (echo.matches()) {
            stdin = echo.group(1) + "\n";
            command = echo.group(2);
        }
        assertThat(command).as("only ./veil commands are run").startsWith("./veil ");
        CliRun run = CliRun.of(stdin, arguments(command.substring("./veil ".length())));

        assertThat(run.exitCode()).as("exit code of %s (stderr: %s)", transcript, run.err()).isEqualTo(transcript.exitCode());
        List<String> actual = new ArrayList<>();
        (run.err() + run.out()).lines().map(DocumentedCommandsTest::normalized).forEach(actual::add);
        int at = 0;
        for (String documented : transcript.output()) {
            if (documented.strip().equals("...")) {
                continue;
            }
            String expected = normalized(documented);
            int found = actual.subList(at, actual.size()).indexOf(expected);
            assertThat(found).as("%s prints, after what came before:%n%s%nactual output:%n%s", transcript, documented,
                    String.join("\n", actual)).isNotNegative();
            at += found + 1;
        }
    }

    private static List<Transcript> parse(String page, List<String> lines) {
        List<Transcript> found = new ArrayList<>();
        boolean inBlock = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock) {
                continue;
            }
            if (line.startsWith("./veil ")) {
                found.add(new Transcript(page, i + 1, line.strip(), List.of(), 0));
            } else if (line.startsWith("$ ") && !line.equals("$ echo $?")) {
                List<String> output = new ArrayList<>();
                int exitCode = 0;
                int j = i + 1;
                for (; j < lines.size() && !lines.get(j).startsWith("$ ") && !lines.get(j).strip().startsWith("```"); j++) {
                    output.add(lines.get(j));
                }
                if (j + 1 < lines.size() && lines.get(j).equals("$ echo $?")) {
                    exitCode = Integer.parseInt(lines.get(j + 1).strip());
                }
                found.add(new Transcript(page, i + 1, line.substring(2).strip(), output, exitCode));
            }
        }
        return found;
    }

    /** The command's words, with paths made absolute from the repository root and globs expanded. */
    private static String[] arguments(String command) throws IOException {
        List<String> args = new ArrayList<>();
        for (String word : command.trim().split("\\s+")) {
            if (word.startsWith("examples/") || word.startsWith("docs/")) {
                int star = word.indexOf('*');
                if (star < 0) {
                    args.add(ROOT.resolve(word).toString());
                    continue;
                }
                Path dir = ROOT.resolve(word.substring(0, word.lastIndexOf('/')));
                List<String> matches = new ArrayList<>();
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, word.substring(word.lastIndexOf('/') + 1))) {
                    stream.forEach(p -> matches.add(p.toString()));
                }
                matches.sort(null);
                args.addAll(matches);
            } else {
                args.add(word);
            }
        }
        return args.toArray(String[]::new);
    }

    private static String normalized(String line) {
        String relative = line.replace(ROOT + "/", "");
        return CARD_DIGITS.matcher(TOKEN.matcher(relative).replaceAll("<token>")).replaceAll("<digits>").stripTrailing();
    }
}
