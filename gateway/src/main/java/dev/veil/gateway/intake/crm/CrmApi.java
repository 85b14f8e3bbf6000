package dev.veil.gateway.intake.crm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Calls one brand's CRM API with the brand's credentials: JSON in and out, a timeout on every
 * call, no redirects, and one renewal of the session after a 401 (an expired OAuth token). Blocks:
 * call it from a worker or the outbox's thread, never an event loop.
 */
public final class CrmApi {

    /** Largest answer read from a CRM API. */
    public static final int MAX_RESPONSE_BYTES = 8 << 20;

    private final HttpClient client;
    private final CrmAuth auth;
    private final Duration timeout;

    private CrmApi(HttpClient client, CrmAuth auth, Duration timeout) {
        this.client = client;
        this.auth = auth;
        this.timeout = timeout;
    }

    public static CrmApi of(HttpClient client, CrmAuth auth, Duration timeout) {
        return new CrmApi(requireNonNull(client, "client"), requireNonNull(auth, "auth"), requireNonNull(timeout, "timeout"));
    }

    /** How this client authenticates (the proxy routes add the same credentials to experts' calls). */
    public CrmAuth auth() {
        return auth;
    }

    /** A client suited to CRM APIs: HTTP/1.1 or 2, no redirects, a connect timeout. */
    public static HttpClient defaultClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * One call: {@code path} (absolute path with query) against the session's base URL.
     *
     * @throws CrmApiException {@code crm_unavailable} when no answer came (timeout, connection failure)
     */
    public CrmResponse call(String method, String path, byte[] json) {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        CrmResponse response = send(method, path, json, false);
        if (response.status() == 401) {
            response = send(method, path, json, true);
        }
        return response;
    }

    /**
     * A GET that must succeed, its body as JSON.
     *
     * @throws CrmApiException {@code crm_unavailable} (no answer, 429, 5xx) or {@code crm_refused} (any other non-2xx)
     */
    public JsonNode getJson(String path) {
        CrmResponse response = call("GET", path, null);
        if (!response.ok()) {
            throw failure(response);
        }
        JsonNode node = response.json();
        if (node.isMissingNode()) {
            throw new CrmApiException(CrmApiException.UNAVAILABLE, "the CRM API answered with something that is not JSON", response.status());
        }
        return node;
    }

    /** The exception for a non-2xx answer: retryable statuses are {@code crm_unavailable}, the rest {@code crm_refused}. */
    static CrmApiException failure(CrmResponse response) {
        int status = response.status();
        String code = response.errorCode().map(c -> " (" + c + ")").orElse("");
        boolean retryable = status == 408 || status == 429 || status >= 500;
        return new CrmApiException(retryable ? CrmApiException.UNAVAILABLE : CrmApiException.REFUSED,
                "the CRM API answered " + status + code, status);
    }

    private CrmResponse send(String method, String path, byte[] json, boolean renew) {
        CrmAuth.Session session = auth.session(renew);
        URI uri = session.base().resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", session.authorization())
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<java.io.InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (java.io.InputStream in = response.body()) {
                body = in.readNBytes(MAX_RESPONSE_BYTES + 1); // never more than the limit in memory
            }
            if (body.length > MAX_RESPONSE_BYTES) {
                throw new CrmApiException(CrmApiException.UNAVAILABLE, "the CRM API answered with more than " + MAX_RESPONSE_BYTES + " bytes",
                        response.statusCode());
            }
            return new CrmResponse(response.statusCode(), CrmResponse.lowerCase(response.headers().map()), body);
        } catch (HttpTimeoutException e) {
            throw new CrmApiException(CrmApiException.UNAVAILABLE, "the CRM API did not answer within " + timeout.toMillis() + " ms", 0);
        } catch (IOException e) {
            throw new CrmApiException(CrmApiException.UNAVAILABLE, "the CRM API could not be reached (" + e.getClass().getSimpleName() + ")", 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmApiException(CrmApiException.UNAVAILABLE, "interrupted while calling the CRM API", 0);
        }
    }
}
