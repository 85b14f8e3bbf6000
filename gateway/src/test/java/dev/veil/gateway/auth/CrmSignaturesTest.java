package dev.veil.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.gateway.routing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The CRM signature schemes against published or independently computed vectors (Python's hmac
 * module), and their failure modes: wrong secret, stale time, missing headers, replays named alike.
 */
class CrmSignaturesTest {

    private static final byte[] ZD_BODY = "{\"ticket\":{\"id\":\"48213\",\"subject\":\"Charged twice\"}}".getBytes(StandardCharsets.UTF_8);
    private static final String ZD_TIME = "2021-03-25T05:09:27Z";
    /** base64(HMAC-SHA256(test secret, ZD_TIME + ZD_BODY)), computed with Python's hmac module. */
    private static final String ZD_SIGNATURE = "0e6oGOk+Ab+9OeJsCZAjEUbVEeu3buGxBUn5LGtUD/8=";

    private final MutableClock clock = MutableClock.at("2021-03-25T05:10:00Z");

    private static WebhookVerifier.Headers headers(Map<String, String> map) {
        Map<String, String> lower = new HashMap<>();
        map.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return name -> lower.get(name.toLowerCase(Locale.ROOT));
    }

    @Test
    void zendeskSignatureMatchesTheDocumentedAlgorithmWithZendesksTestSecret() {
        ZendeskSignature zendesk = ZendeskSignature.of(List.of(SharedSecret.of(ZendeskSignature.ZENDESK_TEST_SECRET)), clock);
        assertThat(ZendeskSignature.sign(SharedSecret.of(ZendeskSignature.ZENDESK_TEST_SECRET), ZD_TIME, ZD_BODY)).isEqualTo(ZD_SIGNATURE);
        WebhookVerifier.Delivery d = zendesk.verify(headers(Map.of(
                "X-Zendesk-Webhook-Signature", ZD_SIGNATURE,
                "X-Zendesk-Webhook-Signature-Timestamp", ZD_TIME,
                "x-zendesk-webhook-invocation-id", "01GDXYD7ZTWYP9ENB4JHFMCTSM")), null, null, ZD_BODY);
        assertThat(d.id()).isEqualTo("zd_01GDXYD7ZTWYP9ENB4JHFMCTSM");
        assertThat(d.sent()).isEqualTo(Instant.parse(ZD_TIME));
    }

    @Test
    void zendeskRefusesTamperingStaleTimesAndOtherSecrets() {
        ZendeskSignature zendesk = ZendeskSignature.of(List.of(SharedSecret.of(ZendeskSignature.ZENDESK_TEST_SECRET)), clock);
        Map<String, String> ok = Map.of("X-Zendesk-Webhook-Signature", ZD_SIGNATURE, "X-Zendesk-Webhook-Signature-Timestamp", ZD_TIME);
        byte[] tampered = ZD_BODY.clone();
        tampered[5] ^= 1;
        assertThatThrownBy(() -> zendesk.verify(headers(ok), null, null, tampered)).hasFieldOrPropertyWithValue("code", "bad_signature");
        ZendeskSignature other = ZendeskSignature.of(List.of(SharedSecret.of("another-secret-of-enough-length")), clock);
        assertThatThrownBy(() -> other.verify(headers(ok), null, null, ZD_BODY)).hasFieldOrPropertyWithValue("code", "bad_signature");
        clock.advance(Duration.ofMinutes(6));
        assertThatThrownBy(() -> zendesk.verify(headers(ok), null, null, ZD_BODY)).hasFieldOrPropertyWithValue("code", "stale_timestamp");
        assertThatThrownBy(() -> zendesk.verify(headers(Map.of()), null, null, ZD_BODY)).hasFieldOrPropertyWithValue("code", "missing_signature");
    }

    @Test
    void zendeskWithoutAnInvocationIdNamesTheDeliveryByItsSignedContent() {
        ZendeskSignature zendesk = ZendeskSignature.of(List.of(SharedSecret.of(ZendeskSignature.ZENDESK_TEST_SECRET)), clock);
        Map<String, String> h = Map.of("X-Zendesk-Webhook-Signature", ZD_SIGNATURE, "X-Zendesk-Webhook-Signature-Timestamp", ZD_TIME);
        assertThat(zendesk.verify(headers(h), null, null, ZD_BODY).id()).isEqualTo(zendesk.verify(headers(h), null, null, ZD_BODY).id())
                .startsWith("zd_");
    }

    @Test
    void hubSignaturesMatchGithubsPublishedExample() {
        // docs.github.com "Validating webhook deliveries": secret "It's a Secret to Everybody", payload "Hello, World!"
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        SharedSecret secret = SharedSecret.of("It's a Secret to Everybody");
        String sha256 = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertThat(HubSignature.sign(HubSignature.Algorithm.SHA256, secret, body)).isEqualTo(sha256);
        HubSignature hub = HubSignature.of(HubSignature.Algorithm.SHA256, List.of(secret));
        // the delivery header is not signed: a replay under a new one is the same delivery
        assertThat(hub.verify(headers(Map.of("X-Hub-Signature-256", sha256, "X-GitHub-Delivery", "72d3162e")), null, null, body).id())
                .isEqualTo(hub.verify(headers(Map.of("X-Hub-Signature-256", sha256, "X-GitHub-Delivery", "replayed")), null, null, body).id())
                .startsWith("hub_");
        HubSignature sha1 = HubSignature.of(HubSignature.Algorithm.SHA1, List.of(secret));
        assertThat(sha1.verify(headers(Map.of("X-Hub-Signature", "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59")), null, null, body).id())
                .startsWith("hub_");
        assertThatThrownBy(() -> hub.verify(headers(Map.of("X-Hub-Signature-256", sha256.replace('7', '8'))), null, null, body))
                .hasFieldOrPropertyWithValue("code", "bad_signature");
        assertThatThrownBy(() -> hub.verify(headers(Map.of("X-Hub-Signature", "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59")), null, null, body))
                .hasFieldOrPropertyWithValue("code", "missing_signature");
    }

    @Test
    void stripeStyleSignaturesCheckTimeAndAnyV1() {
        byte[] body = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
        SharedSecret secret = SharedSecret.of("whsec_stripe_style_test_secret");
        Clock at = MutableClock.at("2023-11-14T22:13:20Z"); // 1700000000
        StripeSignature stripe = StripeSignature.of(StripeSignature.DEFAULT_HEADER, List.of(secret), at);
        String header = "t=1700000000,v1=0000,v1=c19565e3d9c29d2d356d8bd4dc291749a4ff2235a68cddaf4dc39e82a34e4d31";
        assertThat(stripe.verify(headers(Map.of("Stripe-Signature", header)), null, null, body).sent()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
        assertThat(StripeSignature.sign(secret, 1_700_000_000, body)).endsWith("c19565e3d9c29d2d356d8bd4dc291749a4ff2235a68cddaf4dc39e82a34e4d31");
        StripeSignature later = StripeSignature.of(StripeSignature.DEFAULT_HEADER, List.of(secret), MutableClock.at("2023-11-14T22:20:00Z"));
        assertThatThrownBy(() -> later.verify(headers(Map.of("Stripe-Signature", header)), null, null, body))
                .hasFieldOrPropertyWithValue("code", "stale_timestamp");
        assertThatThrownBy(() -> stripe.verify(headers(Map.of("Stripe-Signature", "t=1700000000,v1=0000")), null, null, body))
                .hasFieldOrPropertyWithValue("code", "bad_signature");
    }

    @Test
    void sharedTokensComeFromTheUrlOrAHeaderAndMutualTlsSubjectsAreChecked() {
        SharedSecret token = SharedSecret.of("tok-0123456789abcdef0123");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        SharedTokenCheck url = SharedTokenCheck.of(List.of(token), Optional.empty(), Optional.empty());
        assertThat(url.verify(headers(Map.of()), "tok-0123456789abcdef0123", null, body).id()).startsWith("tk_");
        assertThatThrownBy(() -> url.verify(headers(Map.of()), "tok-0123456789abcdef0124", null, body))
                .hasFieldOrPropertyWithValue("code", "bad_signature");
        assertThatThrownBy(() -> url.verify(headers(Map.of()), null, null, body)).hasFieldOrPropertyWithValue("code", "missing_signature");
        SharedTokenCheck header = SharedTokenCheck.of(List.of(token), Optional.of("X-Veil-Token"), Optional.of("CN=salesforce"));
        assertThat(header.verify(headers(Map.of("X-Veil-Token", "tok-0123456789abcdef0123")), null, "CN=salesforce", body)).isNotNull();
        assertThatThrownBy(() -> header.verify(headers(Map.of("X-Veil-Token", "tok-0123456789abcdef0123")), null, null, body))
                .hasFieldOrPropertyWithValue("code", "bad_signature");
        assertThatThrownBy(() -> SharedTokenCheck.of(List.of(), Optional.empty(), Optional.empty())).hasFieldOrPropertyWithValue("code", "bad_secret");
    }

    @Test
    void ed25519KeysDeriveTheRfc8032PublicKeyAndSignV1aEntries() {
        // RFC 8032 section 7.1, test 1
        byte[] seed = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] pub = HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        Ed25519Key key = Ed25519Key.parse("whsk_" + java.util.Base64.getEncoder().encodeToString(seed));
        assertThat(key.publicSerialized()).isEqualTo("whpk_" + java.util.Base64.getEncoder().encodeToString(pub));
        assertThat(key.toString()).doesNotContain(key.privateSerialized().substring(5));

        MutableClock now = MutableClock.at("2026-01-01T00:00:00Z");
        SharedSecret secret = SharedSecret.generate(new SecureRandom());
        StandardWebhooks signer = StandardWebhooks.of(List.of(secret), now).withSigningKey(key);
        byte[] body = "{\"type\":\"ticket.reply\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> signed = signer.sign("msg_1", body);
        assertThat(signed.get("webhook-signature")).contains("v1,").contains(" v1a,");
        // a receiver holding only the public key accepts it, and refuses a changed body
        StandardWebhooks receiver = StandardWebhooks.ofPublicKeys(List.of(Ed25519Key.parse(key.publicSerialized())), now);
        String v1aOnly = signed.get("webhook-signature").substring(signed.get("webhook-signature").indexOf("v1a,"));
        assertThat(receiver.verify("msg_1", signed.get("webhook-timestamp"), v1aOnly, body).id()).isEqualTo("msg_1");
        assertThatThrownBy(() -> receiver.verify("msg_1", signed.get("webhook-timestamp"), v1aOnly, "{}".getBytes(StandardCharsets.UTF_8)))
                .hasFieldOrPropertyWithValue("code", "bad_signature");
        // a v1 entry cannot satisfy a public-key-only receiver
        String v1Only = signed.get("webhook-signature").substring(0, signed.get("webhook-signature").indexOf(' '));
        assertThatThrownBy(() -> receiver.verify("msg_1", signed.get("webhook-timestamp"), v1Only, body))
                .hasFieldOrPropertyWithValue("code", "bad_signature");
        assertThatThrownBy(() -> signer.withSigningKey(Ed25519Key.parse(key.publicSerialized()))).hasFieldOrPropertyWithValue("code", "bad_key");
    }

    @Test
    void secretsNeverShowInMessagesOrToString() {
        assertThat(SharedSecret.of("a-very-secret-value-123").toString()).doesNotContain("very");
        assertThatThrownBy(() -> SharedSecret.of("short-secret")).hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> Ed25519Key.parse("whsk_notbase64!!")).hasMessageNotContaining("notbase64");
    }
}
