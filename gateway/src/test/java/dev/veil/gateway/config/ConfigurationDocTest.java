package dev.veil.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.http.NettyTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md shows examples/veil.yaml as it is, and documents every key the loader reads. */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void theExampleInTheDocsIsTheExampleFile() throws Exception {
        String md = Files.readString(DOC);
        String marker = "```yaml\n";
        int start = md.indexOf(marker) + marker.length();
        assertThat(md.substring(start, md.indexOf("```", start))).isEqualTo(Files.readString(VeilConfigLoaderTest.EXAMPLE));
    }

    @Test
    void theServerPagesTransportExampleLoads() throws Exception {
        String md = Files.readString(Path.of("..", "docs", "server.md"));
        Matcher block = Pattern.compile("```yaml\n(server:\n  transport: .*?)```", Pattern.DOTALL).matcher(md);
        assertThat(block.find()).as("docs/server.md has a server.transport example").isTrue();
        VeilConfig config = VeilConfigLoader.of(VeilConfigLoaderTest.exampleEnv())
                .parse("veil.yaml", block.group(1) + VeilConfigLoaderTest.brandSection(), Path.of("."));
        assertThat(config.server().transport()).isEqualTo(NettyTransport.Choice.NIO);
    }

    @Test
    void everyKeyOfTheLoaderIsDocumented() throws Exception {
        String md = Files.readString(DOC);
        String source = Files.readString(Path.of("src/main/java/dev/veil/gateway/config/VeilConfigLoader.java"));
        Matcher lists = Pattern.compile("_KEYS =\\s*List\\.of\\(([^)]*)\\)").matcher(source);
        List<String> keys = new ArrayList<>();
        while (lists.find()) {
            Matcher key = Pattern.compile("\"([A-Za-z0-9]+)\"").matcher(lists.group(1));
            while (key.find()) {
                keys.add(key.group(1));
            }
        }
        assertThat(keys).hasSizeGreaterThan(30);
        for (String key : keys) {
            assertThat(md).as("docs/configuration.md mentions %s", key).containsPattern("`[a-z.<>*]*" + key + "`|`[a-zA-Z.<>]*\\." + key + "[.`]");
        }
    }
}
