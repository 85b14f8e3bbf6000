package dev.veil.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/security.md} proves each guarantee with named tests: every test class it names
 * exists in the repository, and every test method it names ({@code Class.method} or a bare
 * method name) exists too, so the page cannot point at tests that were renamed or never written.
 */
class SecurityDocTest {

    private static final Pattern TEST_CLASS = Pattern.compile("`([A-Z][A-Za-z0-9]*(?:Test|Properties|Contract|IT))(?:\\.([a-z][A-Za-z0-9]*))?`");
    private static final Pattern BARE_METHOD = Pattern.compile("`([a-z][a-z0-9]*(?:[A-Z][a-z0-9]*){3,})`");

    @Test
    void everyTestThePageNamesExists() throws IOException {
        Path root = repositoryRoot();
        Map<String, String> sources = testSources(root);
        String page = Files.readString(root.resolve("docs/security.md"));

        Matcher named = TEST_CLASS.matcher(page);
        int classes = 0;
        while (named.find()) {
            classes++;
            String source = sources.get(named.group(1));
            assertThat(source).as("docs/security.md names %s: a test class of that name exists", named.group(1)).isNotNull();
            if (named.group(2) != null) {
                assertThat(source).as("%s has a method %s", named.group(1), named.group(2)).contains("void " + named.group(2) + "(");
            }
        }
        assertThat(classes).as("test classes named").isGreaterThan(30);

        Matcher bare = BARE_METHOD.matcher(page);
        while (bare.find()) {
            String method = "void " + bare.group(1) + "(";
            assertThat(sources.values().stream().anyMatch(source -> source.contains(method)))
                    .as("docs/security.md names the test method %s: it exists", bare.group(1)).isTrue();
        }
    }

    private static Map<String, String> testSources(Path root) throws IOException {
        Map<String, String> sources = new HashMap<>();
        try (Stream<Path> files = Files.walk(root, 12)) {
            files.filter(file -> file.toString().contains("/src/test/java/") && file.toString().endsWith(".java"))
                    .forEach(file -> {
                        String name = file.getFileName().toString();
                        try {
                            sources.put(name.substring(0, name.length() - ".java".length()), Files.readString(file));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        return sources;
    }

    private static Path repositoryRoot() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve("docs/security.md")) && Files.isDirectory(at.resolve("examples"))) {
                return at;
            }
        }
        throw new IllegalStateException("no docs/security.md above the working directory");
    }
}
