package dev.veil.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The policy commands as a security team runs them, through {@link VeilCommand#commandLine()}. */
class PolicyCommandTest {

    @TempDir
    Path dir;

    static CliRun veil(String... args) {
        return CliRun.of("", args);
    }

    static String example(String relative) {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve("examples/policies"))) {
                return at.resolve(relative).toString();
            }
        }
        throw new IllegalStateException("no examples/ above the working directory");
    }

    @Test
    void checkPassesEveryExamplePolicy() {
        CliRun run = veil("policy", "check", example("examples/policies/acme.yaml"), example("examples/policies/globex.yaml"),
                example("examples/policies/initech.yaml"));
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        // initech keeps the whole requester object: check says so, and still passes it
        assertThat(run.out().lines()).hasSize(4).filteredOn(line -> line.contains(": ok (policy ")).hasSize(3);
        assertThat(run.out()).contains("initech.yaml:37:5: fields[10]: $.requester keeps a whole subtree");
        assertThat(run.out()).contains("acme.yaml: ok (policy acme-support v7, brand acme: 25 rules, 1 view, 3 token profiles)");
    }

    @Test
    void checkReportsEveryProblemOfEveryFileAndFails() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), """
                policy: acme
                brand: acme
                version: 1
                tokens:
                  card: { format: fpe-card, keep_last: 9 }
                fields:
                  - { path: "$.a", action: tokenise, token: card }
                  - { path: "$.b", action: keep, tokn: card }
                """);
        Path warned = Files.writeString(dir.resolve("warned.yaml"), """
                policy: acme
                brand: acme
                version: 1
                fields:
                  - { path: "$.address", action: drop }
                  - { path: "$.address.city", action: keep }
                """);
        CliRun run = veil("policy", "check", broken.toString(), warned.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(
                broken + ":7:28: fields[0].action: unknown action 'tokenise' (expected one of: keep, drop, redact, mask, tokenize, pseudonymize, scan); did you mean 'tokenize'?",
                broken + ":8:34: fields[1].tokn: unknown key 'tokn'",
                broken + ": 2 problems");
        assertThat(run.out()).contains(warned + ":6:5: fields[1]: $.address.city never applies: fields[0] (drop) handles $.address whole (warning)",
                warned + ": ok (policy acme v1, brand acme: 2 rules, 0 views, 0 token profiles, 1 warning)");
        // the option the format refuses is found once the rest is right
        Files.writeString(broken, Files.readString(broken).replace("tokenise", "tokenize").replace("tokn", "token").replace("action: keep, token", "action: tokenize, token"));
        assertThat(veil("policy", "check", broken.toString()).err()).contains(broken + ":5:9: tokens.card: keep_last: 9 (expected: 0 to 4)");
    }

    @Test
    void previewShowsTheExpertViewAndWhatEachRuleDid() throws IOException {
        CliRun run = veil("policy", "preview", "--policy", example("examples/policies/acme.yaml"), example("examples/tickets/zendesk-en.json"));
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEqualTo("veil: tokens made with throwaway keys; pass --keyring to use real ones\n");
        String json = run.out().substring(0, run.out().indexOf("\n\npolicy acme-support v7:"));
        JsonNode view = new ObjectMapper().readTree(json);
        assertThat(view.at("/requester/name").textValue()).isEqualTo("D••• W••••••••");
        assertThat(view.at("/payment/card_number").textValue()).endsWith("1111").hasSize(16);
        assertThat(json).doesNotContain("Whitfield", "dana.whitfield@example.com", "4111111111111111", "4111 1111 1111 1111", "123-45-6789");
        assertThat(run.out()).contains(
                "RULE        SELECTOR                        ACTION        VALUES  DETAIL",
                "fields[6]   $.ticket.subject                scan               1  ACME_ORDER x1 keep",
                "fields[24]  $..ssn                          drop               1",
                "default     (values no rule names)          drop              13  $.ticket.url, $.ticket.external_id, $.ticket.updated_at, $.ticket.via.channel, ...");
    }

    @Test
    void previewOfAViewAndJsonOnly() throws IOException {
        CliRun run = veil("policy", "preview", "--no-table", "--view", "senior", "--policy", example("examples/policies/acme.yaml"),
                example("examples/tickets/zendesk-en.json"));
        assertThat(run.exitCode()).isZero();
        JsonNode view = new ObjectMapper().readTree(run.out());
        assertThat(view.at("/requester/name").textValue()).isEqualTo("Dana Whitfield");
        CliRun unknown = veil("policy", "preview", "--view", "seniors", "--policy", example("examples/policies/acme.yaml"),
                example("examples/tickets/zendesk-en.json"));
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("veil policy preview: --view: seniors (expected one of: senior)\n");
        assertThat(unknown.out()).isEmpty();
    }

    @Test
    void previewRefusesBrokenInputClearly() throws IOException {
        Path ticket = Files.writeString(dir.resolve("t.json"), "{\"email\": \"ann@example.com\",");
        CliRun run = veil("policy", "preview", "--policy", example("examples/policies/acme.yaml"), ticket.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith(ticket + ": document: not well-formed JSON").doesNotContain("ann@example.com");
        CliRun missing = veil("policy", "preview", "--policy", dir.resolve("nope.yaml").toString(), ticket.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains(dir.resolve("nope.yaml") + ":1:1: no such file");
        CliRun usage = veil("policy", "preview", "--policy");
        assertThat(usage.exitCode()).isEqualTo(2);
    }

    @Test
    @Timeout(20)
    void previewReadsWithinTheLimitsAndRefusesHostileTickets() throws IOException {
        String policy = example("examples/policies/acme.yaml");
        // an endless file is refused once past maxDocumentBytes, never read whole
        CliRun endless = veil("policy", "preview", "--policy", policy, "/dev/zero");
        assertThat(endless.exitCode()).isEqualTo(1);
        assertThat(endless.err()).isEqualTo("/dev/zero: document of more than 1048576 bytes exceeds maxDocumentBytes = 1048576\n");
        assertThat(endless.out()).isEmpty();

        String[][] refused = {
            {"{\"ticket\":{\"id\":1,\"ann.lee@example.com\":\"a\",\"ann.lee@example.com\":\"b\"}}",
                "document: a member name appears twice in the object at $.* (line 1, column 70)"},
            {"{\"ticket\":{\"id\":1,\"subject\":\"4111111111111111\\ud800\"}}",
                "document: a string or member name at $.*.* holds a lone surrogate (expected: Unicode text)"},
            {"{\"ticket\":{\"id\":1,\"subject\":" + "9".repeat(300_000) + "}}",
                "document holds a number longer than maxStringLength = 262144"},
            {"[".repeat(65) + "]".repeat(65), "document nests deeper than maxDepth = 64"},
        };
        for (String[] c : refused) {
            Path ticket = Files.writeString(dir.resolve("t.json"), c[0]);
            CliRun run = veil("policy", "preview", "--policy", policy, ticket.toString());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo(ticket + ": " + c[1] + "\n").doesNotContain("ann.lee").doesNotContain("4111111111111111");
            assertThat(run.out()).isEmpty();
        }
        Path latin1 = Files.write(dir.resolve("latin1.json"), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'});
        CliRun malformed = veil("policy", "preview", "--policy", policy, latin1.toString());
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.err()).startsWith(latin1 + ": document: not well-formed JSON");
    }

    @Test
    @Timeout(20)
    void previewKeepsHugeExponentsAsSentAndSkipsALeadingByteOrderMark() throws IOException {
        String policy = example("examples/policies/acme.yaml");
        for (String number : new String[] {"1e999999999", "1e2147483647"}) {
            byte[] json = ("\uFEFF{\"ticket\":{\"id\":1,\"subject\":" + number + "}}").getBytes(StandardCharsets.UTF_8);
            Path ticket = Files.write(dir.resolve("n.json"), json);
            CliRun run = veil("policy", "preview", "--no-table", "--policy", policy, ticket.toString());
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("\"subject\": " + number);
        }
    }

    @Test
    @Timeout(20)
    void checkOfAnEndlessFileStopsAtTheSizeLimit() {
        CliRun run = veil("policy", "check", "/dev/zero");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("/dev/zero:1:1: file is larger than 1048576 bytes (expected: at most 1048576)");
    }

    @Test
    @Timeout(20)
    void checkRefusesExplodingRegexesQuickly() throws IOException {
        Path evil = Files.writeString(dir.resolve("evil.yaml"), """
                policy: evil
                brand: acme
                version: 1
                fields:
                  - { path: "$.ticket.id", action: keep }
                detectors:
                  - { name: EVIL, regex: "((a{1000}){1000}){1000}" }
                """);
        CliRun run = veil("policy", "check", evil.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(evil + ":7:26: detectors[0].regex: counted repetitions nest to 1000000000 repeats");
    }

    @Test
    void previewWithARealKeyringGivesTheSameFormatPreservingTokensEveryRun() throws IOException {
        Path masterFile = dir.resolve("master.key");
        SecureRandom random = new SecureRandom();
        MasterKey.generate(random).writeTo(masterFile);
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider keys = LocalKeyProvider.create(keyring, MasterKey.fromFile(masterFile), random);
        String[] args = {"policy", "preview", "--no-table", "--keyring", keyring.toString(), "--master-key-file", masterFile.toString(),
                "--policy", example("examples/policies/acme.yaml"), example("examples/tickets/zendesk-en.json")};

        CliRun missingKeys = veil(args);
        assertThat(missingKeys.exitCode()).isEqualTo(1);
        assertThat(missingKeys.err()).isEqualTo("veil: keyring " + keyring + " lacks 5 keys this policy needs: acme/card,"
                + " acme/card.index, acme/contact, acme/contact-fingerprint, acme/person\n"
                + "veil: create them with: veil keys init --policy " + example("examples/policies/acme.yaml") + " --keyring " + keyring
                + " --master-key-file " + masterFile + "\n");
        assertThat(keys.keys()).isEmpty();

        // what the hint says, word for word
        CliRun init = veil("keys", "init", "--policy", example("examples/policies/acme.yaml"), "--keyring", keyring.toString(),
                "--master-key-file", masterFile.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("created acme/card\n").contains("created acme/person\n");
        keys.reload();
        assertThat(keys.keys()).extracting(KeyProvider.KeyInfo::keyId)
                .containsExactly("acme/card", "acme/card.index", "acme/contact", "acme/contact-fingerprint", "acme/person");
        CliRun first = veil(args);
        CliRun second = veil(args);
        assertThat(first.exitCode()).isZero();
        assertThat(first.err()).isEmpty();
        JsonNode a = new ObjectMapper().readTree(first.out());
        JsonNode b = new ObjectMapper().readTree(second.out());
        assertThat(a.at("/payment/card_number")).isEqualTo(b.at("/payment/card_number"));
        assertThat(a.at("/requester/id")).isEqualTo(b.at("/requester/id"));

        CliRun noKeyring = veil("policy", "preview", "--keyring", dir.resolve("absent").toString(), "--policy",
                example("examples/policies/acme.yaml"), example("examples/tickets/zendesk-en.json"));
        assertThat(noKeyring.exitCode()).isEqualTo(1);
        assertThat(noKeyring.err()).contains("keyring " + dir.resolve("absent") + " does not exist");
    }

    @Test
    void diffFlagsNewlyExposedValuesLoudly() throws IOException {
        String acme = Files.readString(Path.of(example("examples/policies/acme.yaml")));
        Path next = Files.writeString(dir.resolve("acme-next.yaml"), acme
                .replace("version: 7", "version: 8")
                .replace("scan: [CARD_NUMBER, EMAIL, PHONE, IBAN,", "scan: [CARD_NUMBER, EMAIL, IBAN,")
                .replace("    PHONE: { action: mask, keep_last: 2 }\n", "")
                .replace("action: mask, keep_last: 2, type: PHONE", "action: keep, type: PHONE")
                .replace("  propagate: true ", "  propagate: false"));
        CliRun run = veil("policy", "diff", example("examples/policies/acme.yaml"), next.toString(),
                "--sample", example("examples/tickets/zendesk-en.json"), example("examples/tickets/zendesk-es.json"));
        // an exposure fails the gate without being asked to (the flag stays for older scripts)
        assertThat(run.exitCode()).isEqualTo(PolicyDiffCommand.EXPOSED_EXIT);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains(
                "acme-support v7 (" + example("examples/policies/acme.yaml") + ") -> acme-support v8 (" + next + ")",
                "     defaults.scan: PHONE no longer detected in free text",
                "     fields: $.requester.phone mask keep_first 0, keep_last 2 -> keep",
                "!! NEWLY EXPOSED  $.requester.phone",
                "       before: masked    mask by fields[17]  -> \"+• ••• ••• ••32\"",
                "       after:  clear     keep by fields[17]  -> \"+1 415 555 0132\"",
                "!! NEWLY EXPOSED  $.ticket.comments[0].body",
                "at $.requester.phone: 2 -> 11 characters readable",
                "exposures (values experts can read more of) in 2 of 2 samples");
        CliRun strict = veil("policy", "diff", "--fail-on-exposure", example("examples/policies/acme.yaml"), next.toString(),
                "--sample", example("examples/tickets/zendesk-en.json"));
        assertThat(strict.exitCode()).isEqualTo(PolicyDiffCommand.EXPOSED_EXIT);
    }

    @Test
    void fpeCardKeepingTheBinAndFourDigitsIsRefusedAtCheckNotRedactedAtRunTime() throws IOException {
        String acme = Files.readString(Path.of(example("examples/policies/acme.yaml")));
        Path both = Files.writeString(dir.resolve("bin4.yaml"),
                acme.replace("card:    { format: fpe-card, keep_last: 4 }", "card:    { format: fpe-card, keep_first: 6, keep_last: 4 }"));
        CliRun check = veil("policy", "check", both.toString());
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("tokens.card: keep_first 6 with keep_last 4 leaves 16-digit cards too few digits to encrypt")
                .doesNotContain("keepLast", "keepFirst");

        Path three = Files.writeString(dir.resolve("bin3.yaml"),
                acme.replace("card:    { format: fpe-card, keep_last: 4 }", "card:    { format: fpe-card, keep_first: 6, keep_last: 3 }"));
        CliRun preview = veil("policy", "preview", "--policy", three.toString(), example("examples/tickets/zendesk-en.json"));
        assertThat(preview.exitCode()).isZero();
        JsonNode card = new ObjectMapper().readTree(preview.out().substring(0, preview.out().lastIndexOf('}') + 1)).at("/payment/card_number");
        assertThat(card.asText()).matches("411111\\d{7}111").isNotEqualTo("4111111111111111");
    }

    @Test
    void diffOfIdenticalPoliciesShowsNothing() {
        CliRun run = veil("policy", "diff", "--fail-on-exposure", example("examples/policies/initech.yaml"), example("examples/policies/initech.yaml"),
                "--sample", example("examples/tickets/freshdesk-en.json"), example("examples/tickets/freshdesk-es.json"));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Policy changes: none besides the version", "   experts see it exactly as before",
                "no value is newly exposed to experts in 2 samples");
    }

    @Test
    void policyWithoutASubcommandPrintsUsage() {
        CliRun run = veil("policy");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("check", "preview", "diff");
    }

}
