package dev.veil.policy.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.veil.policy.RepoFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code docs/policy.schema.json} accepts every example policy and rejects what the loader rejects for its shape. */
class PolicySchemaTest {

    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = Files.newInputStream(RepoFiles.path("docs/policy.schema.json"))) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
    }

    static Stream<Path> examplePolicies() {
        return RepoFiles.examplePolicies().stream();
    }

    private static List<Error> validate(Path file) throws IOException {
        return schema.validate(Files.readString(file), InputFormat.YAML);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examplePolicies")
    void everyExamplePolicyValidates(Path policy) throws IOException {
        assertThat(validate(policy)).as(policy.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "unknown-top-key", "missing-keys", "wrong-scalar-types", "bad-names", "bad-version", "unknown-fields-keep",
        "unknown-fields-typo", "tokens-profiles", "fields-entries", "fields-not-list", "views", "reveal", "detectors",
        "scan-actions", "scan-action-tokenize-shorthand", "root-list", "compile-options"
    })
    void rejectsBrokenShapes(String name) throws IOException, java.net.URISyntaxException {
        Path file = Path.of(PolicySchemaTest.class.getResource("/broken/" + name + ".yaml").toURI());
        assertThat(validate(file)).as(name).isNotEmpty();
    }
}
