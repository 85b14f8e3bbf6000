package dev.veil.gateway.intake.crm;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.config.CrmKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What Veil ships for each native CRM: the starting policy ({@code veil policy init --crm}) and the
 * webhook body to paste into the CRM's admin screens ({@code veil crm template}).
 */
public final class CrmPresets {

    private static final Pattern BRAND = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private CrmPresets() {}

    /** The starting policy of {@code kind} for {@code brand}: every field of the CRM's ticket shape named, with comments. */
    public static String policy(CrmKind kind, String brand) {
        requireNonNull(kind, "kind");
        requireNonNull(brand, "brand");
        if (kind == CrmKind.WEBHOOK) {
            throw new IllegalArgumentException("kind: webhook (expected: zendesk, salesforce or freshdesk)");
        }
        if (!BRAND.matcher(brand).matches()) {
            throw new IllegalArgumentException("brand: not a brand id (expected: lower-case letters, digits, - and _, at most 63)");
        }
        try (InputStream in = CrmPresets.class.getResourceAsStream("/dev/veil/gateway/crm/" + kind.yamlName() + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("preset missing from the jar: " + kind.yamlName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("__BRAND__", brand);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webhook body (or, for Salesforce, the Outbound Message setup) to paste into the CRM; {@code thin}: the id only. */
    public static String template(CrmKind kind, boolean thin) {
        return switch (requireNonNull(kind, "kind")) {
            case ZENDESK -> thin ? ZendeskTickets.THIN_TEMPLATE : ZendeskTickets.TEMPLATE;
            case FRESHDESK -> thin ? FreshdeskTickets.THIN_TEMPLATE : FreshdeskTickets.TEMPLATE;
            case SALESFORCE -> SALESFORCE_SETUP;
            case WEBHOOK -> throw new IllegalArgumentException("kind: webhook (expected: zendesk, salesforce or freshdesk)");
        };
    }

    /** Salesforce Outbound Messages have no body to write: which object, fields and URL to choose. */
    static final String SALESFORCE_SETUP = """
            # Salesforce Outbound Message (Setup > Outbound Messages > New Outbound Message)
            Object:               Case   (also CaseComment and EmailMessage, one message each, for new comments and emails)
            Endpoint URL:         https://<veil-host>/v1/brands/<brand>/crm/salesforce/<token from crm.intake.tokens>
            Send Session ID:      off
            Fields to send (Case): Id, CaseNumber, Subject, Description, Status, Priority, Origin, Type, Reason,
                                  IsEscalated, CreatedDate, LastModifiedDate, SystemModstamp, SuppliedName,
                                  SuppliedEmail, SuppliedPhone, ContactId, AccountId, OwnerId
            Fields to send (CaseComment, EmailMessage): Id, ParentId
            Then a record-triggered Flow (or workflow rule) on Case create/update whose action sends this message.
            """;
}
