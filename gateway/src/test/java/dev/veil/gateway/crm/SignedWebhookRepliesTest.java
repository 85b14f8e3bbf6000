package dev.veil.gateway.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.veil.gateway.auth.Ed25519Key;
import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.auth.SharedSecret;
import dev.veil.gateway.intake.ReplyTransport.Delivery;
import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.server.HttpReplyTransport;
import dev.veil.gateway.store.OutboxMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replies to Veil-scheme receivers: an Ed25519 {@code v1a} signature a public-key-only receiver verifies, and {@code Retry-After} honoured. */
class SignedWebhookRepliesTest {

    private WireMockServer receiver;
    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");

    @BeforeEach
    void start() {
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop();
    }

    private OutboxMessage message() {
        return new OutboxMessage("msg_1", "acme", "{\"type\":\"ticket.reply\"}".getBytes(StandardCharsets.UTF_8), Instant.EPOCH, 0, Instant.EPOCH,
                null, OutboxMessage.State.PENDING);
    }

    @Test
    void aReceiverHoldingOnlyThePublicKeyVerifiesTheReply() {
        receiver.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));
        Ed25519Key key = Ed25519Key.generate(new SecureRandom());
        StandardWebhooks signer = StandardWebhooks.of(List.of(SharedSecret.generate(new SecureRandom())), clock).withSigningKey(key);
        HttpReplyTransport transport = HttpReplyTransport.of(Map.of("acme",
                new HttpReplyTransport.Target(URI.create("http://127.0.0.1:" + receiver.port() + "/hooks"), signer)), clock);
        assertThat(transport.send(message()).kind()).isEqualTo(Delivery.Kind.DELIVERED);
        LoggedRequest request = receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks"))).get(0);
        StandardWebhooks receiverSide = StandardWebhooks.ofPublicKeys(List.of(Ed25519Key.parse(key.publicSerialized())), clock);
        assertThat(receiverSide.verify(request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
                request.getHeader("webhook-signature"), request.getBody()).id()).isEqualTo("msg_1");
    }

    @Test
    void aRateLimitedReceiverIsWaitedForAsItAsks() {
        receiver.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        HttpReplyTransport transport = HttpReplyTransport.of(Map.of("acme", new HttpReplyTransport.Target(
                URI.create("http://127.0.0.1:" + receiver.port() + "/hooks"),
                StandardWebhooks.of(List.of(SharedSecret.generate(new SecureRandom())), clock))), clock);
        Delivery d = transport.send(message());
        assertThat(d.kind()).isEqualTo(Delivery.Kind.DEFER);
        assertThat(d.notBefore()).isEqualTo(clock.instant().plusSeconds(120));
    }
}
