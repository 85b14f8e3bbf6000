package dev.veil.gateway.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * Salesforce as its public documentation describes it, in one place: the Outbound Message SOAP
 * envelope (sforce_api_om_outboundmessaging_wsdl / notifications), the OAuth token endpoint
 * ({@code /services/oauth2/token}, client credentials and JWT bearer), sObject REST for
 * CaseComment and EmailMessage, SOQL queries, and the REST error shape {@code [{"message",
 * "errorCode", "fields"}]}.
 */
public final class SalesforceApi {

    public static final String ORG_ID = "00D5e000000AbCdEAF";
    public static final String CASE_ID = "5003X00002KqLmNQAV";
    public static final String VERSION = "v60.0";

    private SalesforceApi() {}

    /** An Outbound Message of Case notifications, as Salesforce posts it (ids and fields per the WSDL). */
    public static String outboundMessage(String orgId, String... notifications) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                 <soapenv:Body>
                  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
                """);
        xml.append("   <OrganizationId>").append(orgId).append("</OrganizationId>\n")
                .append("   <ActionId>04k5e000000Xyz1AAC</ActionId>\n")
                .append("   <SessionId xsi:nil=\"true\"/>\n")
                .append("   <EnterpriseUrl>https://acme.my.salesforce.com/services/Soap/c/60.0/00D5e000000AbCd</EnterpriseUrl>\n")
                .append("   <PartnerUrl>https://acme.my.salesforce.com/services/Soap/u/60.0/00D5e000000AbCd</PartnerUrl>\n");
        for (String n : notifications) {
            xml.append(n);
        }
        xml.append("  </notifications>\n </soapenv:Body>\n</soapenv:Envelope>\n");
        return xml.toString();
    }

    /** One Case notification with the fields an admin would select. */
    public static String caseNotification(String notificationId, String caseId, String subject, String modstamp) {
        return "   <Notification>\n"
                + "    <Id>" + notificationId + "</Id>\n"
                + "    <sObject xsi:type=\"sf:Case\" xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">\n"
                + "     <sf:Id>" + caseId + "</sf:Id>\n"
                + "     <sf:CaseNumber>00012873</sf:CaseNumber>\n"
                + "     <sf:Description>I returned the headset and paid with card 5555 5555 5555 4444. Call me on (415) 555-0178.</sf:Description>\n"
                + "     <sf:IsEscalated>false</sf:IsEscalated>\n"
                + "     <sf:Priority>High</sf:Priority>\n"
                + "     <sf:Status>New</sf:Status>\n"
                + "     <sf:Subject>" + subject + "</sf:Subject>\n"
                + "     <sf:SuppliedEmail>marcus.chen@example.com</sf:SuppliedEmail>\n"
                + "     <sf:SuppliedName>Marcus Chen</sf:SuppliedName>\n"
                + "     <sf:SystemModstamp>" + modstamp + "</sf:SystemModstamp>\n"
                + "     <sf:ContactId xsi:nil=\"true\"/>\n"
                + "    </sObject>\n"
                + "   </Notification>\n";
    }

    /** A CaseComment notification: the comment's id and its Case. */
    public static String commentNotification(String notificationId, String commentId, String caseId) {
        return "   <Notification>\n"
                + "    <Id>" + notificationId + "</Id>\n"
                + "    <sObject xsi:type=\"sf:CaseComment\" xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">\n"
                + "     <sf:Id>" + commentId + "</sf:Id>\n"
                + "     <sf:ParentId>" + caseId + "</sf:ParentId>\n"
                + "    </sObject>\n"
                + "   </Notification>\n";
    }

    /** The token endpoint answering as Salesforce does, naming {@code instanceUrl}. */
    public static void tokenEndpoint(WireMockServer server, String instanceUrl, String accessToken) {
        server.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + accessToken + "\",\"instance_url\":\"" + instanceUrl + "\",\"id\":\"https://login.salesforce.com/id/00D5e000000AbCdEAF/0055e000001XyZaAAK\","
                        + "\"token_type\":\"Bearer\",\"issued_at\":\"1700000000000\",\"signature\":\"c2lnbmF0dXJl\"}")));
    }

    /** CaseComment and EmailMessage creation answering {@code {"id", "success": true, "errors": []}} (201). */
    public static void sobjects(WireMockServer server) {
        server.stubFor(post(urlPathMatching("/services/data/" + VERSION + "/sobjects/(CaseComment|EmailMessage)"))
                .withHeader("Authorization", equalTo("Bearer 00D5e!AQ0AQtoken"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"00a5e00000AbCdEAAV\",\"success\":true,\"errors\":[]}")));
    }

    /** The Case's related comments and emails (SOQL), with PII inside as real Cases have. */
    public static void queries(WireMockServer server) {
        server.stubFor(get(urlPathEqualTo("/services/data/" + VERSION + "/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"CaseComment\"},\"Id\":\"00a3X00000AbCdEQAZ\","
                        + "\"ParentId\":\"" + CASE_ID + "\",\"IsPublished\":true,\"CreatedDate\":\"2025-03-16T14:03:27.000+0000\","
                        + "\"CommentBody\":\"Refund to card 5555 5555 5555 4444 please, email marcus.chen@example.com\"}]}")));
        server.stubFor(get(urlPathEqualTo("/services/data/" + VERSION + "/sobjects/Case/" + CASE_ID)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"attributes\":{\"type\":\"Case\"},\"Id\":\"" + CASE_ID + "\",\"CaseNumber\":\"00012873\",\"Status\":\"Working\","
                        + "\"Subject\":\"Refund not received\",\"SuppliedEmail\":\"marcus.chen@example.com\"}")));
    }

    /**
     * The standard invocable action {@code emailSimple} answering as the REST API reference shows
     * ({@code actionName}, {@code errors}, {@code isSuccess}, {@code outputValues}), one result per input.
     */
    public static void emailSimple(WireMockServer server) {
        server.stubFor(post(urlPathEqualTo("/services/data/" + VERSION + "/actions/standard/emailSimple"))
                .withHeader("Authorization", equalTo("Bearer 00D5e!AQ0AQtoken"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("[{\"actionName\":\"emailSimple\",\"errors\":null,\"isSuccess\":true,\"outputValues\":null}]")));
    }

    /** {@code emailSimple} refusing its input: still 200, with {@code isSuccess: false} and the error's {@code statusCode}. */
    public static void emailSimpleRefused(WireMockServer server) {
        server.stubFor(post(urlPathEqualTo("/services/data/" + VERSION + "/actions/standard/emailSimple")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("[{\"actionName\":\"emailSimple\",\"errors\":[{\"statusCode\":\"INVALID_EMAIL_ADDRESS\","
                                + "\"message\":\"Email address is invalid: marcus.chen@example\",\"fields\":[]}],\"isSuccess\":false,"
                                + "\"outputValues\":null}]")));
    }

    /** A Case with a contact: the e-mail goes to the contact ({@code recipientId}). */
    public static void caseWithContact(WireMockServer server, String caseId, String contactId) {
        server.stubFor(get(urlPathEqualTo("/services/data/" + VERSION + "/sobjects/Case/" + caseId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"attributes\":{\"type\":\"Case\"},\"ContactId\":\"" + contactId + "\",\"SuppliedEmail\":null,"
                        + "\"Subject\":\"Where is my refund?\",\"Id\":\"" + caseId + "\"}")));
    }

    /** The REST error Salesforce gives for a CaseComment body over 4,000 bytes. */
    public static String stringTooLong() {
        return "[{\"message\":\"Comment Body: data value too large: Customer said ...(max length=4000)\",\"errorCode\":\"STRING_TOO_LONG\",\"fields\":[\"CommentBody\"]}]";
    }
}
