package dev.veil.gateway.cli;

import static dev.veil.gateway.cli.PolicyCommandTest.example;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of policy changes a security team tries on {@code policy diff}: each is a pair of
 * versions of {@code examples/policies/acme.yaml} (the old one edited too where the change starts
 * from something acme does not have), diffed on the example Zendesk ticket through the command
 * line, with the verdict (exit status) a trustworthy gate must give.
 */
class PolicyDiffCatalogueTest {

    private static final int SAFE = 0;
    private static final int EXPOSED = PolicyDiffCommand.EXPOSED_EXIT;

    @TempDir
    Path dir;

    /** One catalogue entry: edits (pairs of text to replace and replacement) to acme for the old and new versions. */
    record Change(String name, List<String> oldEdits, List<String> newEdits, int exit) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Change change(String name, int exit, String... newEdits) {
        return new Change(name, List.of(), List.of(newEdits), exit);
    }

    static Change from(String name, int exit, List<String> oldEdits, String... newEdits) {
        return new Change(name, oldEdits, List.of(newEdits), exit);
    }

    static Stream<Change> catalogue() {
        List<String> ssnRedacted = List.of("{ path: \"$..ssn\",                             action: drop, type: US_SSN }",
                "{ path: \"$..ssn\", action: redact, type: US_SSN }");
        // with propagate on, acme replaces a field's value wherever it recurs in free text, which hides what a scan change does
        List<String> noPropagation = List.of("  propagate: true ", "  propagate: false");
        List<String> cardNotRevealed = List.of("tokens: [card, contact] }", "tokens: [contact] }");
        return Stream.of(
                // more of an original readable: exposures
                from("card format fpe-card -> mask keep_first 6", EXPOSED, cardNotRevealed,
                        "card:    { format: fpe-card, keep_last: 4 }", "card:    { format: mask, keep_first: 6, keep_last: 4 }"),
                change("phone mask keep_last 2 -> 8", EXPOSED,
                        "action: mask, keep_last: 2, type: PHONE", "action: mask, keep_last: 8, type: PHONE"),
                // one more character, and characters of short values, count exactly
                change("phone mask keep_last 2 -> 3", EXPOSED,
                        "action: mask, keep_last: 2, type: PHONE", "action: mask, keep_last: 3, type: PHONE"),
                change("phone mask keep_last 2 -> keep_first 1, keep_last 2", EXPOSED,
                        "action: mask, keep_last: 2, type: PHONE", "action: mask, keep_first: 1, keep_last: 2, type: PHONE"),
                from("phone mask keep_last 4 -> 5", EXPOSED, List.of("action: mask, keep_last: 2, type: PHONE", "action: mask, keep_last: 4, type: PHONE"),
                        "action: mask, keep_last: 4, type: PHONE", "action: mask, keep_last: 5, type: PHONE"),
                from("card fpe-card keep_last 3 -> 4", EXPOSED, List.of("card:    { format: fpe-card, keep_last: 4 }", "card:    { format: fpe-card, keep_last: 3 }"),
                        "card:    { format: fpe-card, keep_last: 3 }", "card:    { format: fpe-card, keep_last: 4 }"),
                from("card fpe-card keep_last 3 -> keep_first 6, keep_last 3", EXPOSED,
                        List.of("card:    { format: fpe-card, keep_last: 4 }", "card:    { format: fpe-card, keep_last: 3 }"),
                        "card:    { format: fpe-card, keep_last: 3 }", "card:    { format: fpe-card, keep_first: 6, keep_last: 3 }"),
                from("phone scan action keep_last 2 -> 3 in free text", EXPOSED, noPropagation,
                        "PHONE: { action: mask, keep_last: 2 }", "PHONE: { action: mask, keep_last: 3 }"),
                change("name show first_initial -> keep_first 8", EXPOSED,
                        "action: mask, show: first_initial, type: PERSON", "action: mask, keep_first: 8, type: PERSON"),
                from("ssn redact -> mask keep_last 4", EXPOSED, ssnRedacted,
                        "action: redact, type: US_SSN", "action: mask, keep_last: 4, type: US_SSN"),
                change("requester id hash -> mask keep_last 4", EXPOSED,
                        "{ path: \"$.requester.id\",                     action: pseudonymize, token: person }",
                        "{ path: \"$.requester.id\", action: mask, keep_last: 4 }"),
                change("ssn drop -> keep", EXPOSED,
                        "action: drop, type: US_SSN", "action: keep, type: US_SSN"),
                from("scan type PHONE removed", EXPOSED, noPropagation,
                        "scan: [CARD_NUMBER, EMAIL, PHONE, IBAN,", "scan: [CARD_NUMBER, EMAIL, IBAN,",
                        "    PHONE: { action: mask, keep_last: 2 }\n", ""),
                from("scan action for cards tokenize -> keep", EXPOSED, noPropagation,
                        "CARD_NUMBER: { action: tokenize, token: card }", "CARD_NUMBER: { action: keep }"),
                change("a field no rule named gets a keep rule", EXPOSED,
                        "  - { path: \"$.ticket.id\",", "  - { path: \"$.ticket.via\", action: keep }\n  - { path: \"$.ticket.id\","),
                from("widened keep regex that swallows digits", EXPOSED, noPropagation,
                        "regex: \"AC-[0-9]{8}\"", "regex: \"AC-[0-9]{8}|[0-9][0-9 ]{10,20}[0-9]\""),
                change("new view that sees the card", EXPOSED,
                        "  senior:\n", "  lead:\n    \"$.payment.card_number\": keep\n  senior:\n"),
                change("reveal to a new audience", EXPOSED,
                        "  - { audience: crm, tokens: [card, contact] }", "  - { audience: crm, tokens: [card, contact] }\n  - { audience: billing, tokens: [card] }"),
                change("senior view keeps the email", EXPOSED,
                        "    \"$.shipping_address.country\": keep", "    \"$.shipping_address.country\": keep\n    \"$.requester.email\": keep"),
                // the customer's first name in "Thanks, Dana" is masked only by propagation from the requester's name
                change("propagate true -> false", EXPOSED, "  propagate: true ", "  propagate: false"),
                // same or safer, and noise that must stay quiet
                change("unknown_fields drop -> redact", SAFE, "unknown_fields: drop", "unknown_fields: redact"),
                change("phone mask keep_last 2 -> 1", SAFE,
                        "action: mask, keep_last: 2, type: PHONE", "action: mask, keep_last: 1, type: PHONE"),
                change("card fpe-card keep_last 4 -> 2", SAFE,
                        "card:    { format: fpe-card, keep_last: 4 }", "card:    { format: fpe-card, keep_last: 2 }"),
                change("card fpe-card -> random token", SAFE,
                        "card:    { format: fpe-card, keep_last: 4 }", "card:    { format: random, prefix: \"crd_\" }"),
                change("phone mask -> redact", SAFE, "action: mask, keep_last: 2, type: PHONE", "action: redact, type: PHONE"),
                change("card fpe-card -> redact", SAFE,
                        "{ path: \"$.payment.card_number\",              action: tokenize, token: card, type: CARD_NUMBER }",
                        "{ path: \"$.payment.card_number\", action: redact, type: CARD_NUMBER }"),
                change("rule reorder", SAFE,
                        "  - { path: \"$.ticket.id\",                        action: keep }\n  - { path: \"$.ticket.type\",                      action: keep }\n",
                        "  - { path: \"$.ticket.type\", action: keep }\n  - { path: \"$.ticket.id\", action: keep }\n"),
                change("rule moved to the end", SAFE,
                        "  - { path: \"$.requester.locale\",                 action: keep }\n", "",
                        "\nviews:", "  - { path: \"$.requester.locale\", action: keep }\n\nviews:"),
                change("token profile renamed", SAFE,
                        "card:    { format", "payment_card: { format",
                        "token: card", "token: payment_card",
                        "tokens: [card, contact]", "tokens: [payment_card, contact]"),
                change("detector renamed", SAFE, "name: ACME_ORDER", "name: ACME_ORDER_NUMBER"),
                change("description changed", SAFE,
                        "description: Zendesk tickets with sideloaded requester, payment and shipping address.",
                        "description: Zendesk tickets (requester, payment, shipping address sideloaded)."),
                change("scan list reordered", SAFE,
                        "scan: [CARD_NUMBER, EMAIL, PHONE, IBAN, BANK_ACCOUNT, US_SSN,", "scan: [US_SSN, BANK_ACCOUNT, IBAN, PHONE, EMAIL, CARD_NUMBER,"),
                change("harmlessly widened order regex", SAFE, "regex: \"AC-[0-9]{8}\"", "regex: \"AC-[0-9]{6,10}\""),
                change("reveal narrowed", SAFE, "tokens: [card, contact] }", "tokens: [contact] }"),
                change("new view that only drops", SAFE,
                        "  senior:\n", "  trainee:\n    \"$.requester.name\": drop\n  senior:\n"),
                change("view removed", SAFE, "views:                            # the same ticket, shown per expert tier\n  senior:\n"
                        + "    \"$.requester.name\": keep\n    \"$.shipping_address.country\": keep\n", ""),
                change("nothing but the version", SAFE, "version: 7", "version: 8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void diffGivesTheVerdictASecurityTeamExpects(Change change) throws IOException {
        String acme = Files.readString(Path.of(example("examples/policies/acme.yaml")));
        Path before = Files.writeString(dir.resolve("old.yaml"), edit(acme, change.oldEdits()));
        Path after = Files.writeString(dir.resolve("new.yaml"), edit(edit(acme, change.oldEdits()), change.newEdits()).replace("version: 7", "version: 8"));

        CliRun text = PolicyCommandTest.veil("policy", "diff", before.toString(), after.toString(), "--sample", example("examples/tickets/zendesk-en.json"));
        assertThat(text.err()).isEmpty();
        assertThat(text.exitCode()).as(text.out()).isEqualTo(change.exit());
        assertThat(text.out()).doesNotContain("!! NEWLY EXPOSED  $.ticket.id", "!! NEWLY EXPOSED  $.ticket.type");

        CliRun json = PolicyCommandTest.veil("policy", "diff", "--format", "json", before.toString(), after.toString(),
                "--sample", example("examples/tickets/zendesk-en.json"));
        assertThat(json.exitCode()).isEqualTo(change.exit());
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.get("schema").asText()).isEqualTo(PolicyDiffCommand.SCHEMA);
        assertThat(report.get("exit_code").asInt()).isEqualTo(change.exit());
        assertThat(report.get("verdict").asText()).isEqualTo(change.exit() == SAFE ? "same_or_safer" : "exposure");
        List<JsonNode> exposures = new ArrayList<>();
        report.get("samples").forEach(s -> s.get("views").forEach(v -> v.get("exposures").forEach(exposures::add)));
        boolean widens = false;
        for (JsonNode c : report.get("policy_changes")) {
            widens |= c.get("widens").asBoolean();
        }
        assertThat(!exposures.isEmpty() || widens).isEqualTo(change.exit() == EXPOSED);
        for (JsonNode e : exposures) {
            assertThat(e.get("new_visible_chars").asInt()).isGreaterThan(e.get("old_visible_chars").asInt());
        }
        // the report names places and types, never the values
        assertThat(json.out()).doesNotContain("4111", "Whitfield", "whitfield", "6789", "555 0132", "5550132", "Evergreen", "1600");
    }

    @org.junit.jupiter.api.Test
    void samplesAreFilesFoldersOrGlobsAndEveryViewIsCompared() throws IOException {
        String acme = example("examples/policies/acme.yaml");
        CliRun folder = PolicyCommandTest.veil("policy", "diff", acme, acme, "--sample", example("examples/tickets"));
        assertThat(folder.exitCode()).as(folder.err()).isZero();
        assertThat(folder.out()).contains("zendesk-en.json:", "freshdesk-es.json:", "  view base:", "  view senior:",
                "no value is newly exposed to experts in 6 samples");

        CliRun glob = PolicyCommandTest.veil("policy", "diff", acme, acme, "--sample", example("examples/tickets") + "/zendesk-*.json");
        assertThat(glob.exitCode()).isZero();
        assertThat(glob.out()).contains("zendesk-es.json:", "in 2 samples").doesNotContain("freshdesk");

        // a view only the new version has is compared with the old base view
        Path lead = Files.writeString(dir.resolve("lead.yaml"), Files.readString(Path.of(acme))
                .replace("  senior:\n", "  lead:\n    \"$.requester.phone\": keep\n  senior:\n"));
        CliRun view = PolicyCommandTest.veil("policy", "diff", "--view", "lead", "--format", "json", acme, lead.toString(),
                "--sample", example("examples/tickets/zendesk-en.json"));
        assertThat(view.exitCode()).isEqualTo(EXPOSED);
        JsonNode tier = new ObjectMapper().readTree(view.out()).at("/samples/0/views/0");
        assertThat(tier.get("view").asText()).isEqualTo("lead");
        assertThat(tier.get("compared_with").asText()).isEqualTo("base");
        assertThat(tier.get("exposures")).anySatisfy(e -> {
            assertThat(e.get("path").asText()).isEqualTo("$.requester.phone");
            assertThat(e.get("new_visible_chars").asInt()).isEqualTo(11);
        });
    }

    @org.junit.jupiter.api.Test
    void usageMistakesExitWithTwoAndBrokenPoliciesWithOne() throws IOException {
        String acme = example("examples/policies/acme.yaml");
        assertThat(PolicyCommandTest.veil("policy", "diff", acme, acme, "--sample", dir.resolve("none") + "/*.json").exitCode()).isEqualTo(2);
        assertThat(PolicyCommandTest.veil("policy", "diff", acme, acme, "--sample", example("examples/tickets"), "--view", "nobody").exitCode())
                .isEqualTo(2);
        assertThat(PolicyCommandTest.veil("policy", "diff", acme, acme, "--sample", example("examples/tickets"), "--format", "xml").exitCode())
                .isEqualTo(2);
        assertThat(PolicyCommandTest.veil("policy", "diff", acme).exitCode()).isEqualTo(2);
        assertThat(PolicyCommandTest.veil("policy", "diff", acme, example("examples/policies/drafts/broken.yaml"),
                "--sample", example("examples/tickets/zendesk-en.json")).exitCode()).isEqualTo(1);
    }

    @org.junit.jupiter.api.Test
    void jsonPathsNeverCarryMemberNamesThatCouldBeData() throws IOException {
        Path ticket = Files.writeString(dir.resolve("t.json"), "{\"notes\": {\"dana.whitfield@example.com\": \"call +1 415 555 0132\"}}");
        String policy = "policy: p\nbrand: acme\nversion: 1\ndefaults:\n  scan: [PHONE]\nfields:\n  - { path: \"$.notes\", action: scan }\n";
        Path before = Files.writeString(dir.resolve("p1.yaml"), policy);
        Path after = Files.writeString(dir.resolve("p2.yaml"), policy.replace("version: 1", "version: 2").replace("action: scan", "action: keep"));
        CliRun run = PolicyCommandTest.veil("policy", "diff", "--format", "json", before.toString(), after.toString(), "--sample", ticket.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(EXPOSED);
        assertThat(run.out()).contains("\"path\": \"$.notes.*\"", "\"type\": \"PHONE\"").doesNotContain("whitfield", "0132");
    }

    private static String edit(String text, List<String> edits) {
        String out = text;
        for (int i = 0; i < edits.size(); i += 2) {
            assertThat(out).as("catalogue edit target").contains(edits.get(i));
            out = out.replace(edits.get(i), edits.get(i + 1));
        }
        return out;
    }
}
