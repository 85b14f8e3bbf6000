package dev.veil.policy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.veil.policy.yaml.Problem;

import dev.veil.tokenizer.detect.PiiType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loader error message, each shown by a broken file in {@code src/test/resources/broken}.
 * A file's {@code # expect: LINE:COLUMN KEYPATH :: MESSAGE [=> SUGGESTION]} comments (at its end,
 * so they move no line) list every problem it must produce, no more and no fewer.
 */
public class BrokenPolicyTest {

    static final Set<PiiType> BUILT_IN = Set.of(PiiType.CARD_NUMBER, PiiType.EMAIL, PiiType.PHONE);
    private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+):(\\d+) (\\S+) :: (.*?)(?: => (\\S+))?");

    record Expected(int line, int column, String keyPath, String message, String suggestion) {}

    static Stream<Path> brokenFiles() {
        try {
            Path dir = Path.of(BrokenPolicyTest.class.getResource("/broken").toURI());
            List<Path> files = new ArrayList<>();
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> p.toString().endsWith(".yaml")).filter(p -> !p.getFileName().toString().startsWith("compile-"))
                        .sorted().forEach(files::add);
            }
            return files.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Expected> expectations(Path file) throws IOException {
        List<Expected> expected = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = EXPECT.matcher(line);
            if (m.matches()) {
                expected.add(new Expected(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        m.group(3).equals("-") ? "" : m.group(3), m.group(4), m.group(5)));
            }
        }
        return expected;
    }

    public static void assertProblems(Path file, List<Problem> problems) throws IOException {
        List<Expected> expected = expectations(file);
        assertThat(expected).as("expectations in %s", file).isNotEmpty();
        assertThat(problems).as("problems of %s:%n%s", file.getFileName(), problems).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Expected want = expected.get(i);
            Problem got = problems.get(i);
            String where = file.getFileName() + " problem " + i + ": " + got;
            assertThat(got.file()).as(where).isEqualTo(file.toString());
            assertThat(got.line()).as(where).isEqualTo(want.line());
            assertThat(got.column()).as(where).isEqualTo(want.column());
            assertThat(got.keyPath()).as(where).isEqualTo(want.keyPath());
            assertThat(got.message()).as(where).contains(want.message());
            assertThat(got.suggestion()).as(where).isEqualTo(want.suggestion());
            assertThat(got.toString()).as(where)
                    .startsWith(file + ":" + want.line() + ":" + want.column() + ": ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void reportsEveryProblemWithItsPlace(Path file) throws IOException {
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyLoader.of(BUILT_IN).load(file));
        assertThat(e).as("%s should be rejected", file.getFileName()).isNotNull();
        assertProblems(file, e.problems());
        assertThat(e.getMessage()).startsWith(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems"));
    }
}
