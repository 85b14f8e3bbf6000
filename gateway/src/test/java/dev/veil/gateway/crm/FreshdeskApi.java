package dev.veil.gateway.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;

/**
 * Freshdesk as its public documentation describes it, in one place: automation-rule webhooks
 * (unsigned; Veil's secret in a custom header or the URL), the conversations list, reply and note
 * creation (API key as the basic-auth user, password {@code X}), rate-limit headers
 * ({@code X-Ratelimit-Remaining}, 429 with {@code Retry-After}) and the validation error shape
 * {@code {"description", "errors": [{"field", "message", "code"}]}}.
 */
public final class FreshdeskApi {

    public static final String API_KEY = "fd-api-key-0123456789ab";

    private FreshdeskApi() {}

    /** An automation webhook body as Veil's template renders it. */
    public static byte[] webhookBody(String ticketId) {
        return ("""
                {
                  "id": "%s",
                  "subject": "Can't log in after changing my email",
                  "description_text": "I changed my email to sam.okafor@example.co.uk yesterday. Card 4111 1111 1111 1111.",
                  "status": "Open",
                  "priority": "Medium",
                  "type": "Account",
                  "tags": "login,email_change",
                  "requester": {
                    "name": "Sam Okafor",
                    "email": "sam.okafor@example.co.uk",
                    "phone": "",
                    "mobile": "+44 7700 900123"
                  }
                }
                """.formatted(ticketId)).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code GET /api/v2/tickets/{id}/conversations}: one incoming message with PII. */
    public static void conversations(WireMockServer server, String ticketId) {
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/" + ticketId + "/conversations")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Ratelimit-Total", "200").withHeader("X-Ratelimit-Remaining", "199")
                .withBody("[{\"id\":43000991001,\"body\":\"<div>Text me on +44 7700 900123</div>\",\"body_text\":\"Text me on +44 7700 900123\","
                        + "\"incoming\":true,\"private\":false,\"from_email\":\"sam.okafor@example.co.uk\",\"to_emails\":[\"support@initech.example\"],"
                        + "\"created_at\":\"2025-03-18T07:55:31Z\",\"attachments\":[]}]")));
    }

    /** Reply and note creation answering 201 with the conversation. */
    public static void replies(WireMockServer server) {
        server.stubFor(post(urlPathMatching("/api/v2/tickets/[0-9]+/(reply|notes)")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withHeader("X-Ratelimit-Remaining", "198")
                .withBody("{\"id\":43000991099,\"body\":\"...\",\"ticket_id\":1042}")));
    }

    /** Freshdesk's validation failure (400) as documented. */
    public static String validationFailed() {
        return "{\"description\":\"Validation failed\",\"errors\":[{\"field\":\"body\",\"message\":\"It should not be blank\",\"code\":\"missing_field\"}]}";
    }
}
