package dev.veil.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.policy.model.Action;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counts the report keeps uncopied behave as the unmodifiable ordered map they replaced. */
class ReportCountsTest {

    @Test
    void equalsPrintsAndReadsAsTheSortedMapItReplaced() {
        ReportBuilder builder = new ReportBuilder();
        Sanitizer.At at = Sanitizer.At.ROOT;
        builder.touch(at, "r", Action.KEEP, null, null, 1, null);
        builder.touch(at, "r", Action.DROP, "US_SSN", null, 1, null);
        builder.spans(at, "r", Action.TOKENIZE, "EMAIL", null, 3, null);
        builder.touch(at, "r", Action.KEEP, null, null, 1, null);
        builder.spans(at, "r", Action.MASK, "EMAIL", null, 2, null);
        SanitizeReport report = builder.build("p", 1, null);

        Map<String, Map<Action, Integer>> expected = new LinkedHashMap<>();
        expected.put("EMAIL", frozen(Map.of(Action.TOKENIZE, 3, Action.MASK, 2)));
        expected.put("US_SSN", frozen(Map.of(Action.DROP, 1)));
        expected.put(SanitizeReport.UNTYPED, frozen(Map.of(Action.KEEP, 2)));
        assertThat(report.counts()).isInstanceOf(ReportCounts.class).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(report.counts()).hasToString(expected.toString());
        assertThat(List.copyOf(report.counts().keySet())).containsExactly("EMAIL", "US_SSN", "field");
        assertThat(report.count("EMAIL", Action.MASK)).isEqualTo(2);
        assertThat(report.count("IBAN", Action.MASK)).isZero();
        assertThat(report.counts().get(null)).isNull();
        assertThatThrownBy(() -> report.counts().put("IBAN", Map.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> report.counts().remove("EMAIL")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> report.counts().get("EMAIL").put(Action.KEEP, 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void countsFromElsewhereAreStillCopied() {
        Map<String, Map<Action, Integer>> counts = new LinkedHashMap<>();
        counts.put("EMAIL", Map.of(Action.KEEP, 1));
        SanitizeReport report = new SanitizeReport("p", 1, null, counts, List.of(), List.of());
        counts.clear();
        assertThat(report.counts()).containsOnlyKeys("EMAIL");
    }

    private static Map<Action, Integer> frozen(Map<Action, Integer> counts) {
        return Collections.unmodifiableMap(new EnumMap<>(counts));
    }
}
