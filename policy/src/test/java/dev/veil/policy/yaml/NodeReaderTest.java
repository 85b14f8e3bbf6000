package dev.veil.policy.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.policy.yaml.YamlNode.MapNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeReaderTest {

    private final Problems problems = new Problems("x.yaml");
    private final NodeReader in = NodeReader.of(problems);

    private MapNode read(String yaml) {
        return (MapNode) YamlTreeReader.of("thing").read(yaml, problems);
    }

    private List<String> problems() {
        return problems.sorted().stream().map(Problem::toString).toList();
    }

    @Test
    void sizesAcceptPlainNumbersAndBinaryUnits() {
        MapNode map = read("a: 65536\nb: 16KiB\nc: 1MiB\nd: 2 GiB\ne: 1MB\nf: 3GiB\ng: 99999999999999GiB\n");
        assertThat(in.size(map.get("a"), "a", 1, 1L << 40)).isEqualTo(65_536L);
        assertThat(in.size(map.get("b"), "b", 1, 1L << 40)).isEqualTo(16_384L);
        assertThat(in.size(map.get("c"), "c", 1, 1L << 40)).isEqualTo(1L << 20);
        assertThat(in.size(map.get("d"), "d", 1, 1L << 40)).isEqualTo(2L << 30);
        assertThat(in.size(map.get("e"), "e", 1, 1L << 40)).isNull();
        assertThat(in.size(map.get("f"), "f", 1, 1L << 30)).isNull();
        assertThat(in.size(map.get("g"), "g", 1, 1L << 40)).isNull();
        assertThat(problems()).containsExactly(
                "x.yaml:5:4: e: '1MB' (expected: a size in bytes such as 65536, 16KiB or 1MiB)",
                "x.yaml:6:4: f: 3221225472 bytes (expected: 1 to 1073741824 bytes)",
                "x.yaml:7:4: g: '99999999999999GiB' (expected: a size in bytes such as 65536, 16KiB or 1MiB)");
    }

    @Test
    void durationsAndTheirProblems() {
        MapNode map = read("a: 30s\nb: 0\nc: 0s\nd: soon\ne: 5\n");
        assertThat(in.duration(map.get("a"), "a")).isEqualTo(Duration.ofSeconds(30));
        assertThat(in.duration(map.get("b"), "b")).isEqualTo(Duration.ZERO);
        assertThat(in.positiveDuration(map.get("c"), "c")).isNull();
        assertThat(in.duration(map.get("d"), "d")).isNull();
        assertThat(in.duration(map.get("e"), "e")).isNull();
        assertThat(problems()).containsExactly(
                "x.yaml:3:4: c: 0s (expected: > 0)",
                "x.yaml:4:4: d: 'soon' (expected: a duration such as 30s, 15m, 2h or 3d)",
                "x.yaml:5:4: e: expected: a duration such as 30s, 15m, 2h or 3d, found a whole number");
    }

    @Test
    void unknownAndMissingKeysAndDuplicatesAreAllRecorded() {
        MapNode map = read("outer:\n  colour: red\n  size: 1\n  size: 2\n");
        MapNode outer = in.map(map.get("outer"), "outer");
        in.checkKeys(outer, "outer", List.of("color", "size"));
        assertThat(in.required(outer, "shape", "outer")).isNull();
        assertThat(in.oneOf(outer.get("colour"), "outer.colour", List.of("rot", "blue"))).isNull();
        assertThat(problems()).containsExactly(
                "x.yaml:2:3: outer.colour: unknown key 'colour' (expected one of: color, size); did you mean 'color'?",
                "x.yaml:2:3: outer.shape: missing required key 'shape'",
                "x.yaml:2:11: outer.colour: 'red' (expected one of: rot, blue); did you mean 'rot'?",
                "x.yaml:4:3: outer.size: duplicate key 'size' (first at line 3; expected: each key once)");
        assertThat(outer.get("size")).isEqualTo(new YamlNode.Scalar(new Mark(3, 9), "1", YamlNode.Scalar.Kind.INTEGER));
    }

    @Test
    void syntaxErrorsAreProblemsNotExceptions() {
        assertThat(YamlTreeReader.of("thing").read("a: [1\n", problems)).isNull();
        assertThat(YamlTreeReader.of("thing").read("a: 1\n---\nb: 2\n", problems)).isNull();
        assertThat(problems()).hasSize(2).last().asString().contains("more than one YAML document (expected: one thing per file)");
    }
}
