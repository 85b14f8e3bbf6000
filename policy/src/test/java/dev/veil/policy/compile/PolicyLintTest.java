package dev.veil.policy.compile;

import static dev.veil.policy.TestPolicies.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.policy.TestPolicies;
import dev.veil.policy.yaml.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyLintTest {

    @Test
    void warnsAboutRulesBelowAValueHandledWhole() {
        List<Problem> warnings = PolicyLint.warnings(TestPolicies.compile(header() + """
                tokens:
                  t: { format: hash }
                fields:
                  - { path: "$.address", action: tokenize, token: t }
                  - { path: "$.address.country", action: keep }
                  - { path: "$.payment", action: drop }
                  - { path: "$.payment.items[*].sku", action: keep }
                  - { path: "$.customer", action: keep }
                  - { path: "$.customer.name", action: mask }
                  - { path: "$..ssn", action: drop }
                  - { path: "$..ssn.last4", action: keep }
                """).spec());
        assertThat(warnings).extracting(Problem::toString).containsExactly(
                "test.yaml:8:5: fields[1]: $.address.country never applies: fields[0] (tokenize) handles $.address whole",
                "test.yaml:10:5: fields[3]: $.payment.items.*.sku never applies: fields[2] (drop) handles $.payment whole",
                "test.yaml:11:5: fields[4]: $.customer keeps a whole subtree: values no rule names below it reach experts, checked only"
                        + " by the safety net (checksum-validated card numbers, IBANs, DNIs and NIEs); name the values to keep, or add trust: true");
    }

    @Test
    void aSubtreeKeepWithTrustOrInAViewIsWarnedAboutOnlyWithoutTrust() {
        List<Problem> warnings = PolicyLint.warnings(TestPolicies.compile(header() + """
                fields:
                  - { path: "$.customer", action: keep, trust: true }
                  - { path: "$.customer.name", action: mask }
                  - { path: "$.meta.tags", action: keep }
                views:
                  senior:
                    "$.meta": keep
                """).spec());
        assertThat(warnings).extracting(Problem::keyPath).containsExactly("views.senior['$.meta']");
    }
}
