package dev.veil.gateway.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.veil.gateway.auth.SharedSecret;
import dev.veil.gateway.auth.ZendeskSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Zendesk as its public documentation describes it, in one place: webhook deliveries with
 * {@code X-Zendesk-Webhook-Signature}, {@code -Signature-Timestamp} (ISO-8601) and the
 * {@code x-zendesk-*} ids (developer.zendesk.com/documentation/webhooks/verifying and
 * anatomy-of-a-webhook-request), the ticket comments list, users, the Tickets API update that adds a
 * comment, rate-limit headers ({@code X-Rate-Limit-Remaining}, 429 with {@code Retry-After}) and
 * the error shape {@code {"error", "description", "details"}}.
 */
public final class ZendeskApi {

    public static final String USER = "agent@acme.example";
    public static final String TOKEN = "zd-api-token-0123456789";

    private ZendeskApi() {}

    /** The headers Zendesk sends with a trigger webhook's {@code body}, signed with {@code secret}, now. */
    public static Map<String, String> webhookHeaders(String secret, byte[] body, String invocationId) {
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("x-zendesk-account-id", "9876543");
        headers.put("x-zendesk-webhook-id", "01GDXYCPZVPTRD2JH4KQ0VRZW1");
        headers.put("x-zendesk-webhook-invocation-id", invocationId);
        headers.put("X-Zendesk-Webhook-Signature-Timestamp", timestamp);
        headers.put("X-Zendesk-Webhook-Signature", ZendeskSignature.sign(SharedSecret.of(secret), timestamp, body));
        return headers;
    }

    /** A trigger body as Veil's template renders it for ticket 48213. */
    public static byte[] triggerBody(String ticketId) {
        return ("""
                {
                  "ticket": {
                    "id": "%s",
                    "subject": "Charged twice for order AC-10458822",
                    "description": "I was charged twice on my Visa 4111 1111 1111 1111. Reach me at dana.whitfield@example.com.",
                    "status": "open",
                    "priority": "high",
                    "type": "problem",
                    "tags": "billing double_charge web",
                    "created_at": "2025-03-14T09:21:44Z",
                    "updated_at": "2025-03-14T11:02:10Z",
                    "requester_id": "9912345",
                    "brand": "Acme"
                  },
                  "requester": {
                    "id": "9912345",
                    "name": "Dana Whitfield",
                    "email": "dana.whitfield@example.com",
                    "locale": "en-US"
                  }
                }
                """.formatted(ticketId)).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code GET /api/v2/tickets/{id}/comments.json} with two comments holding PII (cursor pagination, one page). */
    public static void comments(WireMockServer server, String ticketId) {
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/" + ticketId + "/comments.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Rate-Limit", "700").withHeader("X-Rate-Limit-Remaining", "699")
                .withBody("""
                        {"comments":[
                          {"id":1,"type":"Comment","author_id":9912345,"public":true,"created_at":"2025-03-14T09:21:44Z",
                           "body":"Card 4111 1111 1111 1111, email dana.whitfield@example.com","html_body":"<p>Card 4111 1111 1111 1111</p>",
                           "plain_body":"Card 4111 1111 1111 1111","attachments":[],"metadata":{"system":{"ip_address":"203.0.113.7"}}},
                          {"id":2,"type":"Comment","author_id":7001,"public":false,"created_at":"2025-03-14T10:05:12Z",
                           "body":"Internal note: SSN 123-45-6789 verified","attachments":[]}],
                         "meta":{"has_more":false,"after_cursor":null,"before_cursor":null},
                         "links":{"prev":null,"next":null}}
                        """)));
    }

    /** {@code PUT /api/v2/tickets/{id}.json} answering 200 with the updated ticket. */
    public static void ticketUpdate(WireMockServer server) {
        server.stubFor(put(urlPathMatching("/api/v2/tickets/[0-9]+\\.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Rate-Limit", "700").withHeader("X-Rate-Limit-Remaining", "698")
                .withBody("{\"ticket\":{\"id\":48213,\"status\":\"open\"},\"audit\":{\"id\":" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100000) + "}}")));
    }

    /** A ticket update answering 200 with few requests left in the window ({@code X-Rate-Limit-Remaining}). */
    public static void ticketUpdateNearTheLimit(WireMockServer server, String ticketId, int remaining) {
        server.stubFor(put(urlPathEqualTo("/api/v2/tickets/" + ticketId + ".json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Rate-Limit", "700")
                .withHeader("X-Rate-Limit-Remaining", Integer.toString(remaining)).withBody("{\"ticket\":{\"id\":" + ticketId + "}}")));
    }

    /** A ticket that does not exist: 404 RecordNotFound. */
    public static void ticketNotFound(WireMockServer server, String ticketId) {
        server.stubFor(put(urlPathEqualTo("/api/v2/tickets/" + ticketId + ".json")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}")));
    }

    /** The account's rate limit hit once: 429 with {@code Retry-After} seconds, then 200. */
    public static void ticketUpdateRateLimitedOnce(WireMockServer server, String ticketId, int retryAfterSeconds) {
        String path = "/api/v2/tickets/" + ticketId + ".json";
        server.stubFor(put(urlPathEqualTo(path)).inScenario("limit " + ticketId).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", Integer.toString(retryAfterSeconds))).willSetStateTo("open"));
        server.stubFor(put(urlPathEqualTo(path)).inScenario("limit " + ticketId).whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"ticket\":{\"id\":" + ticketId + "}}")));
    }

    /** Zendesk unavailable for a ticket's updates: 503. */
    public static void ticketUpdateUnavailable(WireMockServer server, String ticketId) {
        server.stubFor(put(urlPathEqualTo("/api/v2/tickets/" + ticketId + ".json")).willReturn(aResponse().withStatus(503)));
    }

    /** Zendesk's answer to a 5,001st comment: 422 RecordInvalid (the description quotes the ticket; never copied). */
    public static String tooManyComments() {
        return "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\",\"details\":{\"base\":[{\"description\":\"Ticket has too many comments: Dana Whitfield\"}]}}";
    }
}
