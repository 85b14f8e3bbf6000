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
 * the same id and the CRM can drop duplicates). 2xx is delivered; a 429 with {@code Retry-After}
 * waits that long without counting an attempt; 408, 429 and 5xx are retried; any other status is
 * permanent. Runs on the outbox's own thread, never on an event loop.
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
    private final java.time.Clock clock;

    private HttpReplyTransport(HttpClient client, Map<String, Target> targets, java.time.Clock clock) {
        this.client = client;
        this.targets = Map.copyOf(targets);
        this.clock = clock;
    }

    public static HttpReplyTransport of(Map<String, Target> targets) {
        return of(targets, java.time.Clock.systemUTC());
    }

    /** A transport whose {@code Retry-After} waits are measured on {@code clock} (the outbox's). */
    public static HttpReplyTransport of(Map<String, Target> targets, java.time.Clock clock) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        return new HttpReplyTransport(client, requireNonNull(targets, "targets"), requireNonNull(clock, "clock"));
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
        java.util.Optional<String> retryAfter;
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            retryAfter = response.headers().firstValue("Retry-After");
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
        if (status == 429 && retryAfter.filter(v -> v.trim().matches("[0-9]{1,6}")).isPresent()) {
            // the receiver said when: wait that long, without counting it as a failed attempt
            long seconds = Math.min(3600, Long.parseLong(retryAfter.get().trim()));
            return Delivery.defer("http_429", clock.instant().plusSeconds(seconds));
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Delivery.retry("http_" + status);
        }
        return Delivery.permanent("http_" + status);
    }
}
