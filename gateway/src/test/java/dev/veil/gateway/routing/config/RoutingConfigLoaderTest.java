package dev.veil.gateway.routing.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.veil.policy.yaml.Durations;
import dev.veil.policy.yaml.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingConfigLoaderTest {

    /** The {@code veil.yaml} example of docs/routing.md, so the documentation cannot drift. */
    private static String docsExample() throws Exception {
        String md = Files.readString(Path.of("..", "docs", "routing.md"));
        int start = md.indexOf("```yaml\n") + "```yaml\n".length();
        return md.substring(start, md.indexOf("```", start));
    }

    @Test
    void loadsTheDocumentedExample() throws Exception {
        RoutingConfig c = RoutingConfigLoader.parse(docsExample());

        assertThat(c.ratingWindow()).isEqualTo(50);
        assertThat(c.statsWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.resolvedRetention()).isEqualTo(Duration.ofDays(30));
        RoutingSettings acme = c.brand("acme");
        assertThat(acme.mode()).isEqualTo(RoutingMode.CLAIM);
        assertThat(acme.minRating()).isEqualTo(75);
        assertThat(acme.minRatings()).isEqualTo(10);
        assertThat(acme.hysteresis()).isEqualTo(5);
        assertThat(acme.claimTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(acme.basePayMinor()).isEqualTo(450);
        assertThat(acme.currency()).isEqualTo(Currency.getInstance("EUR"));
        assertThat(acme.handpicked()).containsExactlyInAnyOrder("exp-17", "exp-42");
        assertThat(acme.handpickedWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(acme.removed()).containsExactly("exp-9");
        assertThat(acme.surge()).containsExactly(SurgeRule.depth(200, 12_500),
                SurgeRule.oldestWait(Duration.ofMinutes(30), 15_000));
        assertThat(acme.widening()).containsExactly(WideningStep.of(Duration.ofMinutes(2), true, 0),
                WideningStep.of(Duration.ofMinutes(5), false, 1), WideningStep.of(Duration.ofMinutes(15), false, 4));
        assertThat(acme.attributes().languagePointer()).isEqualTo("/locale");
        assertThat(acme.attributes().skills().get("refund").required()).isEqualTo(Map.of("billing", 3, "refunds", 1));
        RoutingSettings bolt = c.brand("bolt");
        assertThat(bolt.mode()).isEqualTo(RoutingMode.PUSH);
        assertThat(bolt.offerTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(bolt.basePayMinor()).isEqualTo(300);
        assertThat(bolt.minQuality()).as("default").isEqualTo(70);
    }

    @Test
    void brandWithoutRoutingSectionGetsDefaults() {
        RoutingConfig c = RoutingConfigLoader.parse("""
                brands:
                  acme:
                    policy: policies/acme.yaml
                server:
                  port: 8443
                """);
        assertThat(c.brand("acme")).isEqualTo(RoutingSettings.defaults());
        assertThat(c.brand("acme").minRating()).isEqualTo(70);
        assertThat(c.brand("acme").minQuality()).isEqualTo(70);
        assertThat(RoutingConfigLoader.parse("").brands()).isEmpty();
    }

    /** The only problem of {@code yaml}, as {@code line:column keyPath: message}. */
    private static String onlyProblem(String yaml) {
        RoutingConfigException e = catchThrowableOfType(RoutingConfigException.class, () -> RoutingConfigLoader.parse(yaml));
        assertThat(e).as("%s should be rejected", yaml).isNotNull();
        assertThat(e.problems()).as(e.getMessage()).hasSize(1);
        Problem p = e.problems().get(0);
        assertThat(p.file()).isEqualTo("veil.yaml");
        return p.line() + ":" + p.column() + " " + p.keyPath() + ": " + p.message() + (p.suggestion() == null ? "" : " => " + p.suggestion());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "claimTtl: soon|4:17 brands.acme.routing.claimTtl: 'soon' (expected: a duration such as 30s, 15m, 2h or 3d)",
        "claimTtl: 0s|4:17 brands.acme.routing.claimTtl: 0s (expected: > 0)",
        "minRatng: 3|4:7 brands.acme.routing.minRatng: unknown key 'minRatng' (expected one of: attributes, basePay, claimTtl,"
                + " currency, handpicked, handpickedWindow, hysteresis, minQuality, minQualityReviews, minRating,"
                + " minRatings, mode, newExpertShare, offerTimeout, priorityWeight, removed, reofferCooldown,"
                + " reopenWindow, surge, widening) => minRating",
        "minRating: 101|4:18 brands.acme.routing.minRating: 101 (expected: a whole number from 0 to 100)",
        "minRating: high|4:18 brands.acme.routing.minRating: expected: a whole number from 0 to 100, found a string",
        "mode: pull|4:13 brands.acme.routing.mode: 'pull' (expected one of: claim, push) => push",
        "basePay: 4.505|4:16 brands.acme.routing.basePay: 4.505 (expected: >= 0 with at most 2 decimal places for USD)",
        "currency: EURO|4:17 brands.acme.routing.currency: 'EURO' (expected: an ISO 4217 code such as EUR)",
        "surge: [{queueDepthAtLeast: 5, multiplier: 0.5}]|4:50 brands.acme.routing.surge[0].multiplier: 0.5"
                + " (expected: 1.0 to 10.0, at most 4 decimal places)",
        "surge: [{multiplier: 2}]|4:15 brands.acme.routing.surge[0]: no condition (expected: queueDepthAtLeast"
                + " and/or oldestWaitAtLeast)",
        "surge: [{queueDepthAtLeast: 5, multiplier: 2, multplier: 2}]|4:53 brands.acme.routing.surge[0].multplier: unknown key 'multplier'"
                + " (expected one of: multiplier, oldestWaitAtLeast, queueDepthAtLeast) => multiplier",
        "widening: [{after: 5m, lowerLevelsBy: 1}, {after: 2m, dropPreferredSkills: true}]"
                + "|4:57 brands.acme.routing.widening[1].after: 2m (expected: later than the previous step's 5m)",
        "widening: [{after: 5m}]|4:18 brands.acme.routing.widening[0]: relaxes nothing (expected:"
                + " dropPreferredSkills: true and/or lowerLevelsBy >= 1)",
        "widening: [{after: 5m, lowerLevelsBy: 5}]|4:45 brands.acme.routing.widening[0].lowerLevelsBy: 5 (expected: a whole number from 0 to 4)",
        "removed: [a@b.example]|4:17 brands.acme.routing.removed[0]: not an expert id (expected: 1 to 128 of"
                + " A-Z a-z 0-9 . _ : -)",
        "attributes: {skills: {vip: {required: {Billing: 2}}}}|4:46 brands.acme.routing.attributes.skills.vip.required.Billing:"
                + " not a skill name (expected: lower-case letters, digits, '-' or '_')",
        "attributes: {language: locale}|4:30 brands.acme.routing.attributes.language: 'locale' (expected: a JSON pointer"
                + " such as /language)",
    })
    void badValuesNameTheirPlaceAndKeyPath(String setting, String problem) {
        String yaml = "brands:\n  acme:\n    routing:\n      " + setting + "\n";
        assertThat(onlyProblem(yaml)).isEqualTo(problem);
    }

    @Test
    void reportsEveryProblemAtOnceInFileOrder() {
        RoutingConfigException e = catchThrowableOfType(RoutingConfigException.class, () -> RoutingConfigLoader.parse("""
                routing:
                  ratingWindow: 0
                brands:
                  acme:
                    routing:
                      claimTtl: soon
                      mode: pull
                  bolt:
                    routing:
                      minRating: 101
                """));
        assertThat(e.problems()).extracting(p -> p.line() + " " + p.keyPath()).containsExactly(
                "2 routing.ratingWindow", "6 brands.acme.routing.claimTtl", "7 brands.acme.routing.mode",
                "10 brands.bolt.routing.minRating");
        assertThat(e.path()).isEqualTo("routing.ratingWindow");
        assertThat(e.getMessage()).startsWith("4 problems" + System.lineSeparator() + "veil.yaml:2:17: routing.ratingWindow: ");
    }

    @Test
    void duplicateKeysAreRefusedWithBothPositions() {
        assertThat(onlyProblem("brands:\n  acme:\n    routing:\n      minRating: 10\n      minRating: 90\n"))
                .isEqualTo("5:7 brands.acme.routing.minRating: duplicate key 'minRating' (first at line 4; expected: each key once)");
    }

    @Test
    void globalSectionIsCheckedToo() {
        assertThat(onlyProblem("routing:\n  ratingWindow: 0\n"))
                .isEqualTo("2:17 routing.ratingWindow: 0 (expected: a whole number from 1 to 1000)");
        assertThat(onlyProblem("routing:\n  statsWindow: 2h\n")).isEqualTo("2:16 routing.statsWindow: 2h (expected: 1m to 60m)");
        assertThat(onlyProblem("routing:\n  window: 5\n")).startsWith("2:3 routing.window: unknown key 'window'");
        assertThat(onlyProblem("brands:\n  Acme Corp: {}\n")).startsWith("2:3 brands.Acme Corp: not a brand id");
        assertThat(onlyProblem("brands: [acme]\n")).isEqualTo("1:9 brands: expected: a map, found a list");
        assertThat(onlyProblem("brands:\n  acme: {routing: {mode: [claim\n")).contains(" : not valid YAML");
    }

    @Test
    void settingsValidateWhenBuiltInCodeToo() {
        assertThatThrownBy(() -> RoutingSettings.builder().newExpertSharePercent(120).build())
                .hasMessage("newExpertSharePercent: 120 (expected: 0 to 100)");
        assertThatThrownBy(() -> RoutingSettings.builder().widening(List.of(
                WideningStep.of(Duration.ofMinutes(5), true, 0), WideningStep.of(Duration.ofMinutes(5), false, 1))).build())
                .hasMessage("widening[1].after: PT5M (expected: later than widening[0].after)");
        assertThat(RoutingSettings.builder().removed(Set.of("x")).build().toBuilder().build().removed())
                .containsExactly("x");
        assertThat(RoutingSettings.builder().surge(List.of(SurgeRule.depth(10, 12_000),
                SurgeRule.oldestWait(Duration.ofMinutes(5), 20_000))).build().surgeBps(10, Duration.ofMinutes(1)))
                .isEqualTo(12_000);
    }

    @ParameterizedTest
    @CsvSource({"0,0", "500ms,500", "30s,30000", "15m,900000", "2h,7200000", "3d,259200000", "PT1M,60000"})
    void parsesDurations(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
