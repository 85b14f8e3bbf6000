package dev.veil.gateway.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.gateway.intake.crm.OutboundMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Salesforce Outbound Messages are read as the WSDL describes them, and hostile XML is refused without being resolved. */
class OutboundMessageTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheOrganizationAndEveryNotificationsFlatFields() {
        OutboundMessage m = OutboundMessage.parse(utf8(SalesforceApi.outboundMessage(SalesforceApi.ORG_ID,
                SalesforceApi.caseNotification("04l5e000000AbC1AAK", SalesforceApi.CASE_ID, "Refund &amp; return", "2025-03-16T14:05:00.000Z"),
                SalesforceApi.commentNotification("04l5e000000AbC2AAK", "00a3X00000AbCdEQAZ", SalesforceApi.CASE_ID))));
        assertThat(m.organizationId()).isEqualTo(SalesforceApi.ORG_ID);
        assertThat(m.notifications()).hasSize(2);
        OutboundMessage.Notification first = m.notifications().get(0);
        assertThat(first.id()).isEqualTo("04l5e000000AbC1AAK");
        assertThat(first.type()).isEqualTo("Case");
        assertThat(first.fields()).containsEntry("Subject", "Refund & return").containsEntry("CaseNumber", "00012873")
                .doesNotContainKey("ContactId"); // xsi:nil
        assertThat(m.notifications().get(1).type()).isEqualTo("CaseComment");
        assertThat(m.notifications().get(1).fields()).containsEntry("ParentId", SalesforceApi.CASE_ID);
    }

    @Test
    void refusesDtdsAndExternalEntitiesWithoutResolvingThem() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + SalesforceApi.outboundMessage(SalesforceApi.ORG_ID, SalesforceApi.caseNotification("04l1", SalesforceApi.CASE_ID, "&xxe;", "x"))
                        .replaceFirst("<\\?xml[^>]*>\\n", "");
        assertThatThrownBy(() -> OutboundMessage.parse(utf8(xxe))).hasFieldOrPropertyWithValue("code", "invalid_ticket")
                .hasMessageNotContaining("root:");
        String billionLaughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>";
        assertThatThrownBy(() -> OutboundMessage.parse(utf8(billionLaughs))).hasFieldOrPropertyWithValue("code", "invalid_ticket");
    }

    @Test
    void refusesMoreThanAHundredNotificationsAndNonMessages() {
        String[] many = new String[101];
        for (int i = 0; i < many.length; i++) {
            many[i] = SalesforceApi.caseNotification("04l" + i, SalesforceApi.CASE_ID, "s", "x");
        }
        assertThatThrownBy(() -> OutboundMessage.parse(utf8(SalesforceApi.outboundMessage(SalesforceApi.ORG_ID, many))))
                .hasMessageContaining("more than 100");
        assertThatThrownBy(() -> OutboundMessage.parse(utf8("<a><b/></a>"))).hasFieldOrPropertyWithValue("code", "invalid_ticket");
        assertThatThrownBy(() -> OutboundMessage.parse(utf8("not xml"))).hasFieldOrPropertyWithValue("code", "invalid_ticket");
        String nested = SalesforceApi.outboundMessage(SalesforceApi.ORG_ID, SalesforceApi.caseNotification("04l1", SalesforceApi.CASE_ID,
                "<x><y>deep</y></x>", "x"));
        assertThatThrownBy(() -> OutboundMessage.parse(utf8(nested))).hasMessageContaining("child elements");
    }

    @Test
    void theAckIsWhatSalesforceWaitsFor() {
        assertThat(OutboundMessage.ACK).contains("<notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\">")
                .contains("<Ack>true</Ack>");
    }
}
