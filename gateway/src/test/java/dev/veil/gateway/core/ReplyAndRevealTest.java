package dev.veil.gateway.core;

import static dev.veil.gateway.core.CoreFixtures.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.gateway.intake.Audit;
import dev.veil.gateway.intake.DetokenizeResult;
import dev.veil.gateway.intake.IntakeResult;
import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.store.OutboxMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replies scanned under the policy's {@code replies} setting; tokens revealed for the CRM only, and audited. */
class ReplyAndRevealTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);
    private final List<Audit.Event> audit = new ArrayList<>();
    private boolean auditBroken;

    private GatewayCore core(String repliesSetting) throws Exception {
        String acme = Files.readString(CoreFixtures.examples().resolve("policies/acme.yaml"));
        if (repliesSetting != null) {
            acme = acme.replace("  propagate: true", "  replies: " + repliesSetting + "\n  propagate: true");
        }
        Path policy = dir.resolve("acme-" + repliesSetting + ".yaml");
        Files.writeString(policy, acme);
        BrandFile base = CoreFixtures.brand("acme");
        GatewayCore core = GatewayCore.builder().keys(new EphemeralKeyProvider(new SecureRandom())).routing(CoreFixtures.routing())
                .clock(clock).audit(e -> {
                    if (auditBroken) {
                        throw new IllegalStateException("disk full");
                    }
                    audit.add(e);
                })
                .brand(new BrandFile("acme", policy, base.ticketIdPointer(), base.commentsPointer())).build();
        core.routing().upsertExpert(CoreFixtures.expert("exp-1", 2));
        core.routing().setOnline("exp-1", true);
        return core;
    }

    private static String emailToken(GatewayCore core, String ticketId) {
        return core.experts().view("exp-1", ticketId).document().at("/requester/email").textValue();
    }

    @Test
    void underRefuseAReplyWithPiiIsRefusedNamingTheTypesAndNothingIsQueued() throws Exception {
        try (GatewayCore core = core("refuse")) {
            IntakeResult t = core.intake().submit("acme", CoreFixtures.ticket("zendesk-en"));
            core.experts().claim("exp-1", t.ticketId());
            GatewayException e = catchThrowableOfType(() -> core.experts().reply("exp-1", t.ticketId(),
                    "Write to me at expert.private@example.org or call +1 415 555 0199"), GatewayException.class);
            assertThat(e.code()).isEqualTo("reply_contains_pii");
            assertThat(e.detail()).contains("EMAIL").contains("PHONE").doesNotContain("example.org").doesNotContain("555");
            assertThat(core.outbox().depth().pending()).isZero();
            // quoting a token is not PII: that reply goes out, the token revealed for the CRM
            String token = emailToken(core, t.ticketId());
            core.experts().reply("exp-1", t.ticketId(), "We updated the address " + token + " on file.");
            OutboxMessage m = core.outbox().lease(1).get(0);
            assertThat(JSON.readTree(m.payload()).get("body").textValue()).isEqualTo("We updated the address dana.whitfield@example.com on file.");
        }
    }

    @Test
    void underReplaceThePastedPiiIsReplacedBeforeAnythingIsStored() throws Exception {
        try (GatewayCore core = core(null)) {
            IntakeResult t = core.intake().submit("acme", CoreFixtures.ticket("zendesk-en"));
            core.experts().claim("exp-1", t.ticketId());
            var receipt = core.experts().reply("exp-1", t.ticketId(), "Call me on +1 415 555 0199, refund to ES91 2100 0418 4502 0005 1332 please.");
            assertThat(receipt.replaced()).containsKeys("PHONE", "IBAN");
            String body = JSON.readTree(core.outbox().lease(1).get(0).payload()).get("body").textValue();
            assertThat(body).doesNotContain("555 0199").doesNotContain("2100 0418").contains("[IBAN]");
        }
    }

    @Test
    void theBrandDetokenizesAsRevealRulesAllowAndEveryCallIsAuditedWithoutValues() throws Exception {
        try (GatewayCore core = core(null)) {
            IntakeResult t = core.intake().submit("acme", CoreFixtures.ticket("zendesk-en"));
            core.experts().claim("exp-1", t.ticketId());
            String email = emailToken(core, t.ticketId());
            String person = core.experts().view("exp-1", t.ticketId()).document().at("/requester/id").asText();
            DetokenizeResult r = core.detokenize().detokenize("acme", "crm-service", List.of(email, person, "ctc_0000000000000000000000"));
            assertThat(r.values()).containsExactly(java.util.Map.entry(email, "dana.whitfield@example.com"));
            assertThat(r.unresolved()).contains("ctc_0000000000000000000000");
            assertThat(audit).hasSize(1);
            Audit.Event event = audit.get(0);
            assertThat(event.actor()).isEqualTo("crm-service");
            assertThat(event.tokens()).containsExactly(email, person, "ctc_0000000000000000000000");
            assertThat(event.revealed()).isEqualTo(1);
            assertThat(event.toString()).doesNotContain("dana.whitfield");

            GatewayException wrongBrand = catchThrowableOfType(
                    () -> core.detokenize().detokenize("globex", "crm-service", List.of(email)), GatewayException.class);
            assertThat(wrongBrand.code()).isEqualTo("unknown_brand");
        }
    }

    @Test
    void whenTheAuditFailsNothingIsRevealed() throws Exception {
        try (GatewayCore core = core(null)) {
            IntakeResult t = core.intake().submit("acme", CoreFixtures.ticket("zendesk-en"));
            core.experts().claim("exp-1", t.ticketId());
            String email = emailToken(core, t.ticketId());
            DetokenizeServiceWithBrokenAudit broken = new DetokenizeServiceWithBrokenAudit(core);
            GatewayException e = catchThrowableOfType(() -> broken.call(email), GatewayException.class);
            assertThat(e.code()).isEqualTo("audit_unavailable");
        }
    }

    @Test
    void aReplyQuotingTokensIsAuditedOnceWithTheExpertTicketAndTokensButNoValue() throws Exception {
        try (GatewayCore core = core(null)) {
            IntakeResult t = core.intake().submit("acme", CoreFixtures.ticket("zendesk-en"));
            core.experts().claim("exp-1", t.ticketId());
            String email = emailToken(core, t.ticketId());
            String unknown = "ctc_0000000000000000000000";
            core.experts().reply("exp-1", t.ticketId(), "No token here, nothing to audit.");
            assertThat(audit).isEmpty();

            var receipt = core.experts().reply("exp-1", t.ticketId(), "Mail " + email + " (again: " + email + "), not " + unknown + ".");
            assertThat(receipt.tokensRevealed()).isEqualTo(2);
            assertThat(audit).hasSize(1);
            Audit.Event event = audit.get(0);
            assertThat(event.action()).isEqualTo(Audit.REPLY_REVEAL);
            assertThat(event.actor()).isEqualTo("exp-1");
            assertThat(event.brand()).isEqualTo("acme");
            assertThat(event.ticket()).isEqualTo(t.ticketId());
            assertThat(event.at()).isEqualTo(clock.instant());
            assertThat(event.tokens()).containsExactly(email, unknown);
            assertThat(event.revealed()).isEqualTo(2);
            assertThat(event.withheld()).isZero();
            assertThat(event.unresolved()).isEqualTo(1);
            assertThat(event.toString()).doesNotContain("dana.whitfield");
        }
    }

    @Test
    void whenTheAuditFailsAReplyRevealingTokensIsRefusedAndNothingIsQueued() throws Exception {
        try (GatewayCore core = core(null)) {
            IntakeResult t = core.intake().submit("acme", CoreFixtures.ticket("zendesk-en"));
            core.experts().claim("exp-1", t.ticketId());
            String email = emailToken(core, t.ticketId());
            auditBroken = true;
            GatewayException e = catchThrowableOfType(() -> core.experts().reply("exp-1", t.ticketId(), "Mail " + email), GatewayException.class);
            assertThat(e.code()).isEqualTo("audit_unavailable");
            assertThat(e.detail()).doesNotContain(email).doesNotContain("dana.whitfield");
            assertThat(core.outbox().depth().pending()).isZero();
        }
    }

    /** The core's brands behind an audit that cannot write. */
    private record DetokenizeServiceWithBrokenAudit(GatewayCore core) {
        DetokenizeResult call(String token) {
            return dev.veil.gateway.intake.DetokenizeService.of(core.brands(), e -> {
                throw new IllegalStateException("disk full");
            }, java.time.Clock.systemUTC()).detokenize("acme", "crm-service", List.of(token));
        }
    }
}
