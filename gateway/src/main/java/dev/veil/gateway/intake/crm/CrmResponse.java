package dev.veil.gateway.intake.crm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One answer of a CRM API: status, the headers Veil reads (rate limits), and the body (kept
 * only for parsing, never logged or quoted).
 */
public record CrmResponse(int status, Map<String, String> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,63}");

    public CrmResponse {
        requireNonNull(headers, "headers");
        requireNonNull(body, "body");
    }

    /** A header by lower-case name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The body as JSON, or a missing node when it is not JSON. */
    public JsonNode json() {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    /** {@code Retry-After} in seconds, when given as seconds. */
    public OptionalLong retryAfterSeconds() {
        Optional<String> value = header("retry-after");
        if (value.isEmpty() || !value.get().trim().matches("[0-9]{1,7}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(value.get().trim()));
    }

    /** Requests left in the CRM's window ({@code X-Rate-Limit-Remaining} or {@code X-Ratelimit-Remaining}), when given. */
    public OptionalLong rateRemaining() {
        Optional<String> value = header("x-rate-limit-remaining").or(() -> header("x-ratelimit-remaining"));
        if (value.isEmpty() || !value.get().trim().matches("[0-9]{1,9}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(value.get().trim()));
    }

    /**
     * The CRM's own error code, when it sends one the way its documentation says: Zendesk {@code
     * {"error": "RecordInvalid"}}, Salesforce {@code [{"errorCode": "STRING_TOO_LONG"}]}, Freshdesk
     * {@code {"errors": [{"code": "invalid_value"}]}} or {@code {"code": ...}}. Only a short word is
     * taken: never free text, which may quote the request.
     */
    public Optional<String> errorCode() {
        JsonNode json = json();
        JsonNode candidate = json.isArray() && json.size() > 0 ? json.get(0).path("errorCode")
                : json.path("error").isTextual() ? json.path("error")
                : json.path("errors").isArray() && json.path("errors").size() > 0 ? json.path("errors").get(0).path("code")
                : json.path("code");
        if (json.path("error").isObject()) {
            candidate = json.path("error").path("title").isTextual() ? json.path("error").path("title") : candidate;
        }
        if (candidate != null && candidate.isTextual() && CODE.matcher(candidate.textValue()).matches()) {
            return Optional.of(candidate.textValue());
        }
        return Optional.empty();
    }

    static Map<String, String> lowerCase(Map<String, java.util.List<String>> headers) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (Iterator<Map.Entry<String, java.util.List<String>>> it = headers.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, java.util.List<String>> e = it.next();
            if (!e.getValue().isEmpty()) {
                out.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().get(0));
            }
        }
        return Map.copyOf(out);
    }
}
