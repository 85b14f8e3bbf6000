package dev.veil.gateway.server;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.intake.ReplyTransport;
import dev.veil.gateway.store.OutboxMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * Delivers outbox messages to each brand's CRM webhook: a POST of the reply JSON signed with the
 * brand's CRM secret (Standard Webhooks, {@code webhook-id} = the message id, so a retry carries
 * the same id and the CRM can drop duplicates). 2xx is delivered; 408, 429 and 5xx are retried;
 * any other status is permanent. Runs on the outbox's own thread, never on an event loop.
 */
public final class HttpReplyTransport implements ReplyTransport {

    /** A brand's reply target. */
    public record Target(URI url, StandardWebhooks signer) {
        public Target {
            requireNonNull(url, "url");
            requireNonNull(signer, "signer");
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final Map<String, Target> targets;

    private HttpReplyTransport(HttpClient client, Map<String, Target> targets) {
        this.client = client;
        this.targets = Map.copyOf(targets);
    }

    public static HttpReplyTransport of(Map<String, Target> targets) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        return new HttpReplyTransport(client, requireNonNull(targets, "targets"));
    }

    @Override
    public Delivery send(OutboxMessage message) {
        Target target = targets.get(message.brand());
        if (target == null) {
            return Delivery.permanent("unknown_brand");
        }
        byte[] payload = message.payload();
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        target.signer().sign(message.id(), payload).forEach(request::header);
        int status;
        try {
            status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            return Delivery.retry("timeout");
        } catch (IOException e) {
            return Delivery.retry("connect_failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.retry("interrupted");
        }
        if (status >= 200 && status < 300) {
            return Delivery.delivered();
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Delivery.retry("http_" + status);
        }
        return Delivery.permanent("http_" + status);
    }
}
