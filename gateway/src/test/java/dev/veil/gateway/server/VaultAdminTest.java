package dev.veil.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.auth.AdminAuthenticator;
import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.auth.SharedSecret;
import dev.veil.gateway.config.AdminConfig;
import dev.veil.gateway.config.KeysConfig;
import dev.veil.gateway.config.ListenerConfig;
import dev.veil.gateway.config.ServerConfig;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.core.CoreFixtures;
import dev.veil.gateway.intake.DetokenizeResult;
import dev.veil.tokenizer.vault.hashicorp.FakeVault;
import dev.veil.tokenizer.vault.hashicorp.VaultAuth;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API on keys in HashiCorp Vault: rotate, then a background re-wrap with its progress and the remaining gauge. */
class VaultAdminTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "veil_admin_vault-test-0123456789";

    @TempDir
    Path dir;

    @Test
    void rotateThenRewrapThroughTheAdminApi() throws Exception {
        try (FakeVault vault = FakeVault.start()) {
            VeilConfig d = VeilConfig.defaults(CoreFixtures.examples().getParent());
            KeysConfig keys = new KeysConfig(KeysConfig.VAULT_TRANSIT, dir.resolve("keyring"), Optional.empty(), KeysConfig.VAULT_KV,
                    Optional.of(vault.settings(new VaultAuth.Token(FakeVault.ROOT_TOKEN)).build()));
            VeilConfig config = new VeilConfig(true, new ServerConfig(ListenerConfig.of("127.0.0.1", 0, 64), ListenerConfig.of("127.0.0.1", 0, 64), 0, 64),
                    d.limits(), dir.resolve("data"), keys, d.identity(), new AdminConfig(Optional.of(AdminAuthenticator.sha256Hex(ADMIN)), Optional.empty()),
                    d.outbox(), d.routing(), d.brands(), "test");
            try (Gateway gateway = Gateway.start(config, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()))) {
                HttpClient http = HttpClient.newHttpClient();
                URI base = URI.create("http://127.0.0.1:" + gateway.port("public"));
                URI admin = URI.create("http://127.0.0.1:" + gateway.port("admin"));
                StandardWebhooks signer = StandardWebhooks.of(List.of(SharedSecret.standardWebhooks(VeilConfig.DEV_WEBHOOK_SECRET)), Clock.systemUTC());
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    ObjectNode ticket = (ObjectNode) JSON.readTree(CoreFixtures.ticket("zendesk-en"));
                    ((ObjectNode) ticket.get("ticket")).put("id", 880_000 + i);
                    byte[] body = JSON.writeValueAsBytes(ticket);
                    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/brands/acme/tickets"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
                    signer.sign("msg_admin_" + i, body).forEach(request::header);
                    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                    ids.add(JSON.readTree(response.body()).get("ticket").asText());
                }
                List<String> keyIds = new ArrayList<>();
                JSON.readTree(call(http, "GET", admin.resolve("/v1/admin/keys")).body()).get("keys").forEach(k -> keyIds.add(k.get("keyId").asText()));
                assertThat(keyIds).contains("acme/contact");
                for (String keyId : keyIds) {
                    HttpResponse<String> rotated = call(http, "POST", admin.resolve("/v1/admin/keys/" + keyId.replace("/", "%2F") + "/rotate"));
                    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
                    assertThat(JSON.readTree(rotated.body()).get("version").asInt()).isEqualTo(2);
                }

                HttpResponse<String> started = call(http, "POST", admin.resolve("/v1/admin/keys/rewrap"));
                assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
                JsonNode state = JSON.readTree(call(http, "GET", admin.resolve("/v1/admin/keys/rewrap")).body());
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (state.get("running").asBoolean() && System.nanoTime() < deadline) {
                    Thread.sleep(50); // polling a background job's state, not racing it
                    state = JSON.readTree(call(http, "GET", admin.resolve("/v1/admin/keys/rewrap")).body());
                }
                assertThat(state.get("running").asBoolean()).isFalse();
                assertThat(state.has("error")).as(state.toString()).isFalse();
                assertThat(state.get("moved").asLong()).isPositive();
                assertThat(state.get("remaining").asLong()).isZero();
                assertThat(call(http, "GET", admin.resolve("/metrics")).body()).contains("veil_vault_rewrap_remaining 0.0");

                Pattern contact = Pattern.compile("ctc_[A-Za-z0-9]+");
                for (String id : ids) {
                    List<String> tokens = new ArrayList<>();
                    gateway.core().tickets().get(id).orElseThrow().views().values().forEach(v -> {
                        Matcher m = contact.matcher(v.json());
                        while (m.find()) {
                            tokens.add(m.group());
                        }
                    });
                    DetokenizeResult result = gateway.core().detokenize().detokenize("acme", "test", tokens.stream().distinct().toList());
                    assertThat(result.unresolved()).isEmpty();
                    assertThat(result.values().values()).contains("dana.whitfield@example.com");
                }
            }
        }
    }

    private static HttpResponse<String> call(HttpClient http, String method, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + ADMIN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
