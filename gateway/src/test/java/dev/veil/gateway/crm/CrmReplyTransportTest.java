package dev.veil.gateway.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.veil.gateway.auth.SharedSecret;
import dev.veil.gateway.config.CrmApiConfig;
import dev.veil.gateway.config.CrmReplyConfig;
import dev.veil.gateway.intake.ReplyTransport.Delivery;
import dev.veil.gateway.intake.crm.CrmApi;
import dev.veil.gateway.intake.crm.CrmAuth;
import dev.veil.gateway.intake.crm.CrmReplyTransport;
import dev.veil.gateway.intake.crm.ReplyWriter;
import dev.veil.gateway.intake.crm.SalesforceTokens;
import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.store.OutboxMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replies through each CRM's API (WireMock stands in, answering as each CRM documents), rate limits and failures. */
class CrmReplyTransportTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final HttpClient client = CrmApi.defaultClient(Duration.ofSeconds(5));
    private WireMockServer crm;
    private URI base;

    @BeforeEach
    void start() {
        crm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        crm.start();
        base = URI.create("http://127.0.0.1:" + crm.port() + "/");
    }

    @AfterEach
    void stop() {
        crm.stop();
    }

    private static OutboxMessage reply(String id, String brand, String crmTicketId, String body) {
        String json = "{\"type\":\"ticket.reply\",\"message_id\":\"" + id + "\",\"brand\":\"" + brand + "\",\"ticket\":\"t_1\",\"crm_ticket_id\":\""
                + crmTicketId + "\",\"expert\":\"exp-1\",\"body\":" + dev.veil.gateway.server.Json.object().put("b", body).get("b") + "}";
        return new OutboxMessage(id, brand, json.getBytes(StandardCharsets.UTF_8), Instant.EPOCH, 0, Instant.EPOCH, null, OutboxMessage.State.PENDING);
    }

    private CrmReplyTransport zendesk(String as) {
        CrmApi api = CrmApi.of(client, CrmAuth.basic(base, ZendeskApi.USER + "/token", ZendeskApi.TOKEN), Duration.ofSeconds(5));
        ReplyWriter writer = ReplyWriter.zendesk(new CrmReplyConfig(as, true, Optional.of(7001L), Optional.empty()));
        return CrmReplyTransport.of(Map.of("acme", new CrmReplyTransport.Target("zendesk", api, writer)),
                m -> Delivery.permanent("not_here"), clock);
    }

    @Test
    void zendeskGetsATicketUpdateWithAPrivateCommentAsTheApiDocumentsIt() {
        ZendeskApi.ticketUpdate(crm);
        Delivery d = zendesk("private").send(reply("msg_1", "acme", "48213", "Refund sent to card 4111 1111 1111 1111"));
        assertThat(d.kind()).isEqualTo(Delivery.Kind.DELIVERED);
        crm.verify(putRequestedFor(urlPathEqualTo("/api/v2/tickets/48213.json"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString(
                        (ZendeskApi.USER + "/token:" + ZendeskApi.TOKEN).getBytes(StandardCharsets.UTF_8))))
                .withRequestBody(equalToJson("{\"ticket\":{\"comment\":{\"body\":\"Refund sent to card 4111 1111 1111 1111\",\"public\":false,"
                        + "\"author_id\":7001}}}")));
    }

    @Test
    void aRateLimitPausesTheBrandForRetryAfterWithoutCountingAnAttempt() {
        crm.stubFor(put(urlPathEqualTo("/api/v2/tickets/48213.json")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        CrmReplyTransport transport = zendesk("public");
        Delivery first = transport.send(reply("msg_1", "acme", "48213", "hi"));
        assertThat(first.kind()).isEqualTo(Delivery.Kind.DEFER);
        assertThat(first.notBefore()).isEqualTo(clock.instant().plusSeconds(30));
        // the brand waits: the next reply is not even sent
        Delivery second = transport.send(reply("msg_2", "acme", "48213", "there"));
        assertThat(second.kind()).isEqualTo(Delivery.Kind.DEFER);
        crm.verify(1, putRequestedFor(urlPathEqualTo("/api/v2/tickets/48213.json")));
        clock.advance(Duration.ofSeconds(31));
        ZendeskApi.ticketUpdate(crm);
        assertThat(transport.send(reply("msg_2", "acme", "48213", "there")).kind()).isEqualTo(Delivery.Kind.DELIVERED);
    }

    @Test
    void fewRequestsLeftSlowTheBrandDownBeforeA429() {
        crm.stubFor(put(urlPathEqualTo("/api/v2/tickets/48213.json")).willReturn(aResponse().withStatus(200)
                .withHeader("X-Rate-Limit", "700").withHeader("X-Rate-Limit-Remaining", "2").withBody("{}")));
        CrmReplyTransport transport = zendesk("public");
        assertThat(transport.send(reply("msg_1", "acme", "48213", "hi")).kind()).isEqualTo(Delivery.Kind.DELIVERED);
        assertThat(transport.pausedUntil("acme")).contains(clock.instant().plus(CrmReplyTransport.SLOW_DOWN));
        assertThat(transport.send(reply("msg_2", "acme", "48213", "hi")).kind()).isEqualTo(Delivery.Kind.DEFER);
    }

    @Test
    void errorsThatWillNotHealAreDeadLetteredWithTheCrmsCodeNeverItsBody() {
        crm.stubFor(put(urlPathEqualTo("/api/v2/tickets/48213.json")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody(ZendeskApi.tooManyComments())));
        crm.stubFor(put(urlPathEqualTo("/api/v2/tickets/1.json")).willReturn(aResponse().withStatus(404)
                .withBody("{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}")));
        crm.stubFor(put(urlPathEqualTo("/api/v2/tickets/2.json")).willReturn(aResponse().withStatus(503)));
        CrmReplyTransport transport = zendesk("public");
        Delivery full = transport.send(reply("msg_1", "acme", "48213", "hi"));
        assertThat(full.kind()).isEqualTo(Delivery.Kind.PERMANENT);
        assertThat(full.errorCode()).isEqualTo("zendesk_422:RecordInvalid").doesNotContain("Dana");
        assertThat(transport.send(reply("msg_2", "acme", "1", "hi"))).isEqualTo(Delivery.permanent("zendesk_404:RecordNotFound"));
        assertThat(transport.send(reply("msg_3", "acme", "2", "hi"))).isEqualTo(Delivery.retry("zendesk_503"));
        assertThat(transport.send(reply("msg_4", "acme", "../users", "hi")).kind()).isEqualTo(Delivery.Kind.PERMANENT);
        assertThat(transport.send(reply("msg_5", "globex", "1", "hi"))).isEqualTo(Delivery.permanent("not_here"));
    }

    @Test
    void salesforceCaseCommentsUseACachedClientCredentialsTokenRenewedAfterA401() {
        SalesforceApi.tokenEndpoint(crm, base.toString().replaceAll("/$", ""), "00D5e!AQ0AQtoken");
        crm.stubFor(post(urlPathEqualTo("/services/data/v60.0/sobjects/CaseComment")).inScenario("expiry")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(201).withBody("{\"id\":\"00a1\",\"success\":true}"))
                .willSetStateTo("expired"));
        crm.stubFor(post(urlPathEqualTo("/services/data/v60.0/sobjects/CaseComment")).inScenario("expiry")
                .whenScenarioStateIs("expired").willReturn(aResponse().withStatus(401)
                        .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"))
                .willSetStateTo("renewed"));
        crm.stubFor(post(urlPathEqualTo("/services/data/v60.0/sobjects/CaseComment")).inScenario("expiry")
                .whenScenarioStateIs("renewed").willReturn(aResponse().withStatus(201).withBody("{\"id\":\"00a2\",\"success\":true}")));
        CrmApiConfig config = new CrmApiConfig(base, Optional.empty(), Optional.empty(), Optional.of(CrmApiConfig.CLIENT_CREDENTIALS),
                Optional.of(base.resolve("/services/oauth2/token")), Optional.of("3MVG9-consumer-key"),
                Optional.of(SharedSecret.of("consumer-secret-0123456789")), Optional.empty(), Optional.empty(), "v60.0", Duration.ofSeconds(5));
        SalesforceTokens tokens = SalesforceTokens.of(client, config, clock);
        CrmReplyTransport transport = CrmReplyTransport.of(Map.of("globex", new CrmReplyTransport.Target("salesforce",
                CrmApi.of(client, tokens, Duration.ofSeconds(5)), ReplyWriter.salesforce(CrmReplyConfig.defaultFor(
                        dev.veil.gateway.config.CrmKind.SALESFORCE), "v60.0"))), m -> Delivery.permanent("x"), clock);

        assertThat(transport.send(reply("msg_1", "globex", SalesforceApi.CASE_ID, "First")).kind()).isEqualTo(Delivery.Kind.DELIVERED);
        assertThat(transport.send(reply("msg_2", "globex", SalesforceApi.CASE_ID, "Second")).kind()).isEqualTo(Delivery.Kind.DELIVERED);
        assertThat(tokens.fetched()).isEqualTo(2); // one at first use, one after the 401
        crm.verify(2, postRequestedFor(urlPathEqualTo("/services/oauth2/token"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("grant_type=client_credentials")));
        crm.verify(postRequestedFor(urlPathEqualTo("/services/data/v60.0/sobjects/CaseComment"))
                .withHeader("Authorization", equalTo("Bearer 00D5e!AQ0AQtoken"))
                .withRequestBody(equalToJson("{\"ParentId\":\"" + SalesforceApi.CASE_ID + "\",\"CommentBody\":\"Second\",\"IsPublished\":true}")));
        // a comment over 4,000 bytes: Salesforce's STRING_TOO_LONG, dead-lettered with that code
        crm.stubFor(post(urlPathEqualTo("/services/data/v60.0/sobjects/CaseComment")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withBody(SalesforceApi.stringTooLong())));
        assertThat(transport.send(reply("msg_3", "globex", SalesforceApi.CASE_ID, "x".repeat(4001))))
                .isEqualTo(Delivery.permanent("salesforce_400:STRING_TOO_LONG"));
    }

    @Test
    void aSalesforceInstanceUrlThatIsNotAnAbsoluteHttpsUrlIsNeverCalled() {
        crm.stubFor(post(urlPathEqualTo("/services/data/v60.0/sobjects/CaseComment"))
                .willReturn(aResponse().withStatus(201).withBody("{\"id\":\"00a1\",\"success\":true}")));
        // relative (no scheme, no host): the configured base URL is used instead
        SalesforceApi.tokenEndpoint(crm, "internal", "00D5e!AQ0AQtoken");
        assertThat(salesforceComments().send(reply("msg_1", "globex", SalesforceApi.CASE_ID, "First")).kind()).isEqualTo(Delivery.Kind.DELIVERED);
        // not a URL at all: refused as a token answer, without quoting it
        SalesforceApi.tokenEndpoint(crm, "not a url", "00D5e!AQ0AQtoken");
        assertThat(salesforceComments().send(reply("msg_2", "globex", SalesforceApi.CASE_ID, "Second")))
                .isEqualTo(Delivery.permanent("salesforce_auth_200"));
        crm.verify(1, postRequestedFor(urlPathEqualTo("/services/data/v60.0/sobjects/CaseComment")));
    }

    private CrmReplyTransport salesforceComments() {
        CrmApiConfig config = new CrmApiConfig(base, Optional.empty(), Optional.empty(), Optional.of(CrmApiConfig.CLIENT_CREDENTIALS),
                Optional.of(base.resolve("/services/oauth2/token")), Optional.of("3MVG9-consumer-key"),
                Optional.of(SharedSecret.of("consumer-secret-0123456789")), Optional.empty(), Optional.empty(), "v60.0", Duration.ofSeconds(5));
        return CrmReplyTransport.of(Map.of("globex", new CrmReplyTransport.Target("salesforce",
                CrmApi.of(client, SalesforceTokens.of(client, config, clock), Duration.ofSeconds(5)), ReplyWriter.salesforce(
                        CrmReplyConfig.defaultFor(dev.veil.gateway.config.CrmKind.SALESFORCE), "v60.0"))), m -> Delivery.permanent("x"), clock);
    }

    private CrmReplyTransport salesforceSending(Optional<String> from) {
        SalesforceApi.tokenEndpoint(crm, base.toString().replaceAll("/$", ""), "00D5e!AQ0AQtoken");
        CrmApiConfig config = new CrmApiConfig(base, Optional.empty(), Optional.empty(), Optional.of(CrmApiConfig.CLIENT_CREDENTIALS),
                Optional.of(base.resolve("/services/oauth2/token")), Optional.of("3MVG9-consumer-key"),
                Optional.of(SharedSecret.of("consumer-secret-0123456789")), Optional.empty(), Optional.empty(), "v60.0", Duration.ofSeconds(5));
        return CrmReplyTransport.of(Map.of("globex", new CrmReplyTransport.Target("salesforce",
                CrmApi.of(client, SalesforceTokens.of(client, config, clock), Duration.ofSeconds(5)),
                ReplyWriter.salesforce(new CrmReplyConfig("send-email", true, Optional.empty(), from), "v60.0"))),
                m -> Delivery.permanent("x"), clock);
    }

    @Test
    void salesforceSendsTheEmailThroughTheEmailSimpleActionToTheCasesContactLoggedOnTheCase() {
        SalesforceApi.emailSimple(crm);
        SalesforceApi.caseWithContact(crm, SalesforceApi.CASE_ID, "0035e00000XyZ12AAB");
        CrmReplyTransport transport = salesforceSending(Optional.of("support@globex.example"));
        assertThat(transport.send(reply("msg_1", "globex", SalesforceApi.CASE_ID, "Your refund of 40 EUR went out today.")).kind())
                .isEqualTo(Delivery.Kind.DELIVERED);
        crm.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/services/data/v60.0/sobjects/Case/" + SalesforceApi.CASE_ID))
                .withQueryParam("fields", equalTo("ContactId,SuppliedEmail,Subject")));
        crm.verify(postRequestedFor(urlPathEqualTo("/services/data/v60.0/actions/standard/emailSimple"))
                .withHeader("Authorization", equalTo("Bearer 00D5e!AQ0AQtoken"))
                .withRequestBody(equalToJson("{\"inputs\":[{\"recipientId\":\"0035e00000XyZ12AAB\",\"emailSubject\":\"Re: Where is my refund?\","
                        + "\"emailBody\":\"Your refund of 40 EUR went out today.\",\"relatedRecordId\":\"" + SalesforceApi.CASE_ID + "\","
                        + "\"logEmailOnSend\":true,\"addThreadingTokenToSubject\":true,\"senderType\":\"OrgWideEmailAddress\","
                        + "\"senderAddress\":\"support@globex.example\"}]}")));
        // no draft: nothing is created through the sObject API
        crm.verify(0, postRequestedFor(urlPathEqualTo("/services/data/v60.0/sobjects/EmailMessage")));
    }

    @Test
    void salesforceSendsToTheWebAddressWithoutAContactAndDeadLettersARefusedAddressWithItsCode() {
        SalesforceApi.emailSimple(crm);
        SalesforceApi.queries(crm); // the Case of web-to-case: SuppliedEmail, no contact
        CrmReplyTransport transport = salesforceSending(Optional.empty());
        assertThat(transport.send(reply("msg_1", "globex", SalesforceApi.CASE_ID, "Done.")).kind()).isEqualTo(Delivery.Kind.DELIVERED);
        crm.verify(postRequestedFor(urlPathEqualTo("/services/data/v60.0/actions/standard/emailSimple"))
                .withRequestBody(equalToJson("{\"inputs\":[{\"emailAddresses\":\"marcus.chen@example.com\",\"emailSubject\":\"Re: Refund not received\","
                        + "\"emailBody\":\"Done.\",\"relatedRecordId\":\"" + SalesforceApi.CASE_ID + "\",\"logEmailOnSend\":true,"
                        + "\"addThreadingTokenToSubject\":true,\"senderType\":\"CurrentUser\"}]}")));

        SalesforceApi.emailSimpleRefused(crm);
        Delivery refused = transport.send(reply("msg_2", "globex", SalesforceApi.CASE_ID, "Done."));
        assertThat(refused).isEqualTo(Delivery.permanent("salesforce_400:INVALID_EMAIL_ADDRESS"));
        assertThat(refused.errorCode()).doesNotContain("marcus");

        // a Case with neither a contact nor an address: nobody to send to, dead letter without a call
        crm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/services/data/v60.0/sobjects/Case/5003X00002KqLmNQAW"))
                .willReturn(aResponse().withStatus(200).withBody("{\"ContactId\":null,\"SuppliedEmail\":null,\"Subject\":\"x\"}")));
        assertThat(transport.send(reply("msg_3", "globex", "5003X00002KqLmNQAW", "Done."))).isEqualTo(Delivery.permanent("salesforce_no_recipient"));
        // a Case that is gone: Salesforce's 404, dead letter with its code
        crm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/services/data/v60.0/sobjects/Case/5003X00002KqLmNQAX"))
                .willReturn(aResponse().withStatus(404).withBody("[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]")));
        assertThat(transport.send(reply("msg_4", "globex", "5003X00002KqLmNQAX", "Done."))).isEqualTo(Delivery.permanent("salesforce_404:NOT_FOUND"));
        crm.verify(2, postRequestedFor(urlPathEqualTo("/services/data/v60.0/actions/standard/emailSimple")));
    }

    @Test
    void salesforceJwtBearerAssertionsAreSignedForTheConfiguredUser(@TempDir Path dir) throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        Path pem = dir.resolve("server.key");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa.toPrivateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        SalesforceApi.tokenEndpoint(crm, base.toString().replaceAll("/$", ""), "00D5e!AQ0AQtoken");
        CrmApiConfig config = new CrmApiConfig(base, Optional.empty(), Optional.empty(), Optional.of(CrmApiConfig.JWT_BEARER),
                Optional.of(base.resolve("/services/oauth2/token")), Optional.of("3MVG9-consumer-key"), Optional.empty(),
                Optional.of("integration@acme.example"), Optional.of(pem), "v60.0", Duration.ofSeconds(5));
        SalesforceTokens tokens = SalesforceTokens.of(client, config, clock);
        assertThat(tokens.session(false).authorization()).isEqualTo("Bearer 00D5e!AQ0AQtoken");
        LoggedRequest request = crm.findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/token"))).get(0);
        String form = request.getBodyAsString();
        assertThat(form).contains("grant_type=" + java.net.URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8));
        String assertion = URLDecoder.decode(form.substring(form.indexOf("assertion=") + 10), StandardCharsets.UTF_8);
        SignedJWT jwt = SignedJWT.parse(assertion);
        assertThat(jwt.verify(new RSASSAVerifier(rsa.toPublicJWK()))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("3MVG9-consumer-key");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("integration@acme.example");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("http://127.0.0.1:" + crm.port());
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(clock.instant().plusSeconds(180));
        // cached: a second session needs no new token
        tokens.session(false);
        assertThat(tokens.fetched()).isEqualTo(1);
    }

    @Test
    void freshdeskNotesArePrivateHtmlWithTheApiKeyAsBasicAuthUser() {
        FreshdeskApi.replies(crm);
        CrmApi api = CrmApi.of(client, CrmAuth.basic(base, FreshdeskApi.API_KEY, "X"), Duration.ofSeconds(5));
        CrmReplyTransport transport = CrmReplyTransport.of(Map.of("initech", new CrmReplyTransport.Target("freshdesk", api,
                ReplyWriter.freshdesk(new CrmReplyConfig("note", true, Optional.empty(), Optional.empty())))), m -> Delivery.permanent("x"), clock);
        assertThat(transport.send(reply("msg_1", "initech", "1042", "a <b> & c\nd")).kind()).isEqualTo(Delivery.Kind.DELIVERED);
        crm.verify(postRequestedFor(urlPathEqualTo("/api/v2/tickets/1042/notes"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString((FreshdeskApi.API_KEY + ":X").getBytes(StandardCharsets.UTF_8))))
                .withRequestBody(equalToJson("{\"body\":\"a &lt;b&gt; &amp; c<br>d\",\"private\":true}")));
        crm.stubFor(post(urlPathEqualTo("/api/v2/tickets/1043/notes")).willReturn(aResponse().withStatus(400).withBody(FreshdeskApi.validationFailed())));
        assertThat(transport.send(reply("msg_2", "initech", "1043", "x"))).isEqualTo(Delivery.permanent("freshdesk_400:missing_field"));
    }
}
