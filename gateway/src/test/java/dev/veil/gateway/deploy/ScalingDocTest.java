package dev.veil.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/scaling.md: every test it names as proof exists, and every file and command it names is there. */
class ScalingDocTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void theNamedProofsFilesAndScriptsExist() throws Exception {
        String page = Files.readString(ROOT.resolve("docs/scaling.md"));
        Matcher tests = Pattern.compile("`([A-Z][A-Za-z]+Test)`").matcher(page);
        int named = 0;
        while (tests.find()) {
            String name = tests.group(1) + ".java";
            try (Stream<Path> files = Files.walk(ROOT.resolve("gateway/src/test/java"))) {
                assertThat(files.anyMatch(f -> f.getFileName().toString().equals(name))).as(name).isTrue();
            }
            named++;
        }
        assertThat(named).isGreaterThanOrEqualTo(2);
        for (String file : new String[] {"docker/compose.cluster.yaml", "bench/cluster.sh", "gateway/src/main/resources/db/migration"}) {
            assertThat(page).contains(file.startsWith("gateway/") ? "gateway/src/main/resources/db/migration" : file);
            assertThat(ROOT.resolve(file)).exists();
        }
        assertThat(page).contains("veil db migrate");
    }
}
