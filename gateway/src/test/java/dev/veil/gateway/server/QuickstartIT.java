package dev.veil.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code docs/quickstart.md} as a reader would, against {@code target/veil.jar}: in a
 * directory holding a {@code veil} script and the repository's {@code examples}, the page's first
 * {@code sh} block ({@code ./veil serve}) runs as a server process, and every other {@code sh}
 * block runs in order in one {@code bash -e} (so variables carry over, as in a reader's terminal).
 * Then each step's output is checked: the ticket accepted, offered, claimed, shown masked, the
 * reply delivered to the CRM stand-in with the pasted email revealed, the events applied, and the
 * expert's standing updated. The quickstart uses the default ports, 8080 and 8081.
 */
class QuickstartIT {

    private static final Path ROOT = repositoryRoot();
    private static final Pattern SH_BLOCK = Pattern.compile("(?ms)^```sh\\n(.*?)^```\\s*$");
    private static final Pattern TICKET_ANSWER = Pattern.compile("202 \\{\"ticket\":\"(t_[0-9A-Za-z]+)\",\"created\":true");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final String BLOCK_MARK = "::quickstart-block ";
    /** Personal data in examples/tickets/zendesk-en.json that no expert may see. */
    private static final List<String> RAW_PII = List.of(
            "dana.whitfield@example.com", "4111 1111 1111 1111", "4111111111111111", "123-45-6789",
            "555 0132", "555-0132", "1600 Pennsylvania", "742 Evergreen", "1987-04-12", "Whitfield");

    @TempDir
    Path dir;

    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException, IOException {
        Files.deleteIfExists(dir.resolve("examples")); // the link only, never the repository's examples
        if (server == null) {
            return;
        }
        server.descendants().forEach(ProcessHandle::destroy);
        server.destroy(); // SIGTERM: the gateway's shutdown hook closes its stores
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theQuickstartRunsAsWritten() throws Exception {
        List<String> blocks = shBlocks(Files.readString(ROOT.resolve("docs/quickstart.md")));
        assertThat(blocks).as("sh blocks of docs/quickstart.md").hasSizeGreaterThanOrEqualTo(7);
        assertThat(blocks.get(0).strip()).as("the first sh block starts the server").isEqualTo("./veil serve");
        portIsFree(8080);
        portIsFree(8081);
        prepareDirectory();

        server = new ProcessBuilder("bash", "-c", "exec " + blocks.get(0).strip())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("serve.log").toFile())
                .start();
        awaitHealthy();

        Map<String, String> outputs = runInOneShell(blocks.subList(1, blocks.size()));

        String sent = outputOf(outputs, "./veil ticket send");
        Matcher accepted = TICKET_ANSWER.matcher(sent);
        assertThat(accepted.find()).as("the ticket is accepted: %s", sent).isTrue();
        String ticket = accepted.group(1);

        String offered = outputOf(outputs, "/v1/offers");
        assertThat(offered).as("exp-1 is offered the ticket, then claims it")
                .contains("{\"offers\":[{\"ticketId\":\"" + ticket + "\"")
                .contains("{\"ticketId\":\"" + ticket + "\",\"expertId\":\"exp-1\"");

        String view = outputOf(outputs, "$VEIL/v1/tickets/$TICKET\n");
        assertThat(view).as("the claimant's view").contains("\"ticket\":\"" + ticket + "\"", "\"document\":{", "\"card_number\":\"");
        for (String value : RAW_PII) {
            assertThat(view).as("the expert's view holds no raw personal data").doesNotContain(value);
        }

        String replied = outputOf(outputs, "/reply");
        assertThat(replied).as("the pasted email is replaced, and revealed for the CRM")
                .contains("\"replaced\":{\"EMAIL\":1}", "\"tokensRevealed\":1");

        String crm = outputOf(outputs, "/dev/crm/replies");
        assertThat(crm).as("the CRM stand-in received the reply, the email revealed")
                .contains("\"ticket\":\"" + ticket + "\"", "\"expert\":\"exp-1\"", "dana.whitfield@example.com");

        String events = outputOf(outputs, "./veil ticket event");
        assertThat(events.lines().filter(line -> line.equals("200 {\"result\":\"applied\"}")).count())
                .as("resolved and csat are applied: %s", events).isEqualTo(2);

        String me = outputOf(outputs, "/v1/me");
        assertThat(me).as("the expert's standing after the resolution and the rating")
                .contains("\"expertId\":\"exp-1\"", "\"rating\":{\"count\":1,\"sum\":90}", "\"resolutions\":1", "\"holding\":0");

        String log = Files.readString(dir.resolve("serve.log"));
        assertThat(log).as("the server's log").contains("\"event\":\"started\"");
        for (String value : RAW_PII) {
            assertThat(log).as("the server's log holds no personal data").doesNotContain(value);
        }
    }

    /** Runs every block in order in one bash -e, each preceded by a mark; returns each block's output by its text. */
    private Map<String, String> runInOneShell(List<String> blocks) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < blocks.size(); i++) {
            script.append("printf '\\n%s\\n' '").append(BLOCK_MARK).append(i).append("'\n").append(blocks.get(i)).append('\n');
        }
        Path file = dir.resolve("quickstart.sh");
        Files.writeString(file, script);
        Path out = dir.resolve("quickstart.out");
        Path err = dir.resolve("quickstart.err");
        Process shell = new ProcessBuilder("bash", "-e", file.toString())
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!shell.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
            fail("the quickstart did not finish within %s%n%s", RUN_TIMEOUT, transcript(out, err));
        }
        assertThat(shell.exitValue()).as("exit status of the quickstart's commands%n%s", transcript(out, err)).isZero();

        Map<String, String> outputs = new LinkedHashMap<>();
        String[] parts = Files.readString(out).split("\n" + Pattern.quote(BLOCK_MARK) + "\\d+\n", -1);
        assertThat(parts).as("one output per block%n%s", transcript(out, err)).hasSize(blocks.size() + 1);
        for (int i = 0; i < blocks.size(); i++) {
            outputs.put(blocks.get(i), parts[i + 1]);
        }
        return outputs;
    }

    /** The output of the first block whose text contains {@code fragment}. */
    private static String outputOf(Map<String, String> outputs, String fragment) {
        return outputs.entrySet().stream()
                .filter(entry -> entry.getKey().contains(fragment))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sh block of docs/quickstart.md contains " + fragment));
    }

    private void prepareDirectory() throws IOException {
        Path jar = Path.of(System.getProperty("veil.jar", "target/veil.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged jar (QuickstartIT runs after package)").isRegularFile();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path veil = dir.resolve("veil");
        Files.writeString(veil, "#!/bin/sh\nexec '" + java + "' -jar '" + jar + "' \"$@\"\n");
        assertThat(veil.toFile().setExecutable(true)).isTrue();
        Files.createSymbolicLink(dir.resolve("examples"), ROOT.resolve("examples"));
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/healthz")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                fail("./veil serve exited with %d before answering /healthz:%n%s", server.exitValue(), Files.readString(dir.resolve("serve.log")));
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250); // polling a starting process, bounded by the deadline
        }
        fail("./veil serve did not answer /healthz within %s:%n%s", START_TIMEOUT, Files.readString(dir.resolve("serve.log")));
    }

    private static void portIsFree(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            // as the server binds: a listener holds the port, the TIME_WAIT of a run a minute ago does not
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (BindException taken) {
            fail("port %d on 127.0.0.1 is taken (another ./veil serve?); QuickstartIT runs docs/quickstart.md as written, "
                    + "on the default ports 8080 and 8081: stop whatever listens there and run it again", port);
        }
    }

    static List<String> shBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = SH_BLOCK.matcher(markdown);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    private static String transcript(Path out, Path err) throws IOException {
        return "--- stdout\n" + Files.readString(out, StandardCharsets.UTF_8) + "\n--- stderr\n" + Files.readString(err, StandardCharsets.UTF_8);
    }

    private static Path repositoryRoot() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve("docs/quickstart.md")) && Files.isDirectory(at.resolve("examples"))) {
                return at;
            }
        }
        throw new IllegalStateException("no docs/quickstart.md above the working directory");
    }
}
