package dev.veil.tokenizer.vault.hashicorp;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonArray;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * HashiCorp Vault's HTTP API as a WireMock server, in one place so that it is easy to hold next to
 * Vault's API documentation: the paths, JSON bodies, headers and error shapes of Transit
 * ({@code keys}, {@code keys/:name/rotate}, {@code keys/:name/config}, {@code datakey/wrapped},
 * {@code decrypt}), KV v2 ({@code data/}, {@code metadata/} read, write with {@code cas}, list,
 * delete), token {@code lookup-self} and {@code renew-self}, AppRole and Kubernetes login,
 * {@code sys/health}, and the failures: sealed (503), permission denied (403), rate limited (429,
 * with {@code Retry-After}), internal error (500), connection resets and delays. It keeps state (a
 * real AES-GCM Transit, versioned KV) so the real driver can be run against it.
 *
 * <p>References: developer.hashicorp.com/vault/api-docs/secret/transit, .../secret/kv/kv-v2,
 * .../auth/token, .../auth/approle, .../auth/kubernetes, .../system/health, and
 * .../index ("Error Response": {@code {"errors": [...]}}).
 */
public final class FakeVault implements AutoCloseable {

    /** A failure the fake can inject. */
    public enum FaultKind { SERVER_ERROR, SEALED, FORBIDDEN, RATE_LIMITED, CONNECTION_RESET, DELAY }

    /** The root token every fake accepts. */
    public static final String ROOT_TOKEN = "hvs.root-token-for-tests";
    public static final String ROLE_ID = "veil-role-id";
    public static final String SECRET_ID = "veil-secret-id";
    public static final String K8S_ROLE = "veil";

    private final WireMockServer server;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, TransitKey> transit = new HashMap<>();
    private final Map<String, KvEntry> kv = new HashMap<>();
    private final Map<String, TokenInfo> tokens = new HashMap<>();
    private final Map<String, AtomicLong> calls = new HashMap<>();
    private boolean sealed;
    private long loginTtlSeconds = 3600;
    private boolean rootRenewable;
    private double faultRate;
    private Random faultRandom = new Random(1);
    private Set<FaultKind> faultKinds = EnumSet.noneOf(FaultKind.class);
    private int delayMillis = 10_000;
    private final List<FaultKind> forcedFaults = new ArrayList<>();
    private final Map<FaultKind, AtomicLong> injected = new HashMap<>();
    private final Map<String, AtomicLong> kvWrites = new HashMap<>();
    private String holdPrefix;
    private long holdAfter = Long.MAX_VALUE;
    private long holding;
    private boolean dropHeld;

    private static final class TransitKey {
        final List<byte[]> versions = new ArrayList<>();
        int minDecryptionVersion = 1;
        final List<Long> created = new ArrayList<>();
    }

    private static final class KvEntry {
        final TreeMap<Integer, JsonObject> versions = new TreeMap<>();
        final Map<Integer, String> createdTimes = new HashMap<>();
        int current;
    }

    private record TokenInfo(String id, long ttl, boolean renewable, List<String> policies) {}

    private FakeVault() {
        tokens.put(ROOT_TOKEN, new TokenInfo(ROOT_TOKEN, 0, false, List.of("root")));
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().extensions(new Api()));
        server.start();
        server.stubFor(any(urlMatching("/v1/.*")).willReturn(ResponseDefinitionBuilder.responseDefinition()
                .withTransformers(Api.NAME)));
    }

    /** Starts a fake Vault on an ephemeral port of 127.0.0.1. */
    public static FakeVault start() {
        return new FakeVault();
    }

    /** Its address, as Veil's settings take it. */
    public URI address() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** The WireMock server, for its request journal. */
    public WireMockServer wireMock() {
        return server;
    }

    /** Settings for this fake with test-sized timeouts (so timeout paths take milliseconds, not seconds). */
    public VaultSettings.Builder settings(VaultAuth auth) {
        return VaultSettings.builder(address(), auth)
                .timeout(java.time.Duration.ofSeconds(5))
                .backoff(java.time.Duration.ofMillis(2), java.time.Duration.ofMillis(10));
    }

    /** Seals (every call but {@code sys/health} answers 503 "Vault is sealed") or unseals. */
    public synchronized void sealed(boolean value) {
        sealed = value;
    }

    /** Makes every live token but the root token invalid, as at expiry: their next call gets 403. */
    public synchronized void expireLoginTokens() {
        tokens.keySet().removeIf(t -> !t.equals(ROOT_TOKEN));
    }

    /** The TTL of tokens issued by logins (seconds). */
    public synchronized void loginTtl(long seconds) {
        loginTtlSeconds = seconds;
    }

    /** Injects faults of {@code kinds} into a share {@code rate} of requests, in an order drawn from {@code seed}. */
    public synchronized void randomFaults(double rate, long seed, Set<FaultKind> kinds, int delayMillis) {
        this.faultRate = rate;
        this.faultRandom = new Random(seed);
        this.faultKinds = kinds.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(kinds);
        this.delayMillis = delayMillis;
    }

    /** The next requests fail with these faults, in order, before anything random. */
    public synchronized void nextFaults(FaultKind... kinds) {
        forcedFaults.addAll(List.of(kinds));
    }

    /** Stops injecting faults. */
    public synchronized void healthy() {
        faultRate = 0;
        forcedFaults.clear();
        sealed = false;
    }

    /** How many requests for paths starting with {@code prefix} were answered (faults included). */
    public synchronized long calls(String prefix) {
        return calls.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue().get()).sum();
    }

    /** How many faults of each kind were injected. */
    public synchronized Map<FaultKind, Long> injected() {
        Map<FaultKind, Long> out = new TreeMap<>();
        injected.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /**
     * Holds (does not answer) every KV v2 write under {@code <mount>/data/<pathPrefix>} once
     * {@code after} such writes were applied, until {@link #dropHeld()}: a crash test kills its
     * client at that point, with a write in flight and an exactly known number applied.
     */
    public synchronized void holdKvWritesAfter(String mountAndPrefix, long after) {
        holdPrefix = mountAndPrefix;
        holdAfter = after;
        dropHeld = false;
    }

    /** Waits until a request is held; false if none is by {@code timeout}. */
    public synchronized boolean awaitHeld(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (holding == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Stops holding: held requests are dropped unanswered (connection reset) and never applied. */
    public synchronized void dropHeld() {
        holdAfter = Long.MAX_VALUE;
        dropHeld = true;
        notifyAll();
    }

    /** Applied KV v2 writes per path (mount included, without {@code data/}) for paths starting with {@code mountAndPrefix}. */
    public synchronized Map<String, Long> kvWrites(String mountAndPrefix) {
        Map<String, Long> out = new TreeMap<>();
        kvWrites.forEach((k, v) -> {
            if (k.startsWith(mountAndPrefix)) {
                out.put(k, v.get());
            }
        });
        return out;
    }

    /** KV v2 paths (without mount and {@code data/}) that exist under {@code mount}, for assertions. */
    public synchronized Set<String> kvPaths(String mount) {
        Set<String> out = new TreeSet<>();
        for (String key : kv.keySet()) {
            if (key.startsWith(mount + "/")) {
                out.add(key.substring(mount.length() + 1));
            }
        }
        return out;
    }

    /** The Transit key's latest version, or 0. */
    public synchronized int transitVersion(String name) {
        TransitKey key = transit.get(name);
        return key == null ? 0 : key.versions.size();
    }

    @Override
    public void close() {
        dropHeld();
        server.stop();
    }

    // ---- the API ----------------------------------------------------------------------------

    private final class Api implements ResponseDefinitionTransformerV2 {
        static final String NAME = "fake-vault";

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            synchronized (FakeVault.this) {
                if (hold(event.getRequest())) {
                    // the caller died while its request was held: as if the request never reached Vault
                    return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
                }
                return answer(event.getRequest());
            }
        }
    }

    /** Waits (releasing the monitor) while {@code request} is a write to hold; true if it is to be dropped. */
    private boolean hold(Request request) {
        if (holdPrefix == null || !(request.getMethod().getName().equals("POST") || request.getMethod().getName().equals("PUT"))) {
            return false;
        }
        String path = URI.create(request.getUrl()).getPath();
        String[] mountAndRest = holdPrefix.split("/", 2);
        String watched = "/v1/" + mountAndRest[0] + "/data/" + (mountAndRest.length > 1 ? mountAndRest[1] : "");
        if (!path.startsWith(watched) || kvWrites(holdPrefix).values().stream().mapToLong(Long::longValue).sum() < holdAfter) {
            return false;
        }
        holding++;
        notifyAll();
        try {
            while (!dropHeld) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            holding--;
        }
        return true;
    }

    private ResponseDefinition answer(Request request) {
        URI uri = URI.create(request.getUrl());
        String path = uri.getPath().substring("/v1/".length());
        String method = request.getMethod().getName();
        boolean list = "LIST".equals(method) || (uri.getQuery() != null && uri.getQuery().contains("list=true"));
        calls.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();

        FaultKind fault = nextFault();
        if (fault != null) {
            injected.computeIfAbsent(fault, k -> new AtomicLong()).incrementAndGet();
            return faultResponse(fault, path);
        }
        if (path.equals("sys/health")) {
            return json(sealed ? 503 : 200, health());
        }
        if (sealed) {
            return errors(503, "Vault is sealed");
        }
        JsonObject body = request.getBodyAsString() == null || request.getBodyAsString().isBlank()
                ? new JsonObject() : Json.parse(request.getBodyAsString()).asObject();
        if (path.equals("auth/approle/login") && method.equals("POST")) {
            if (!ROLE_ID.equals(body.getString("role_id", "")) || !SECRET_ID.equals(body.getString("secret_id", ""))) {
                return errors(400, "invalid role or secret ID");
            }
            return login(List.of("default", "veil"));
        }
        if (path.equals("auth/kubernetes/login") && method.equals("POST")) {
            if (!K8S_ROLE.equals(body.getString("role", "")) || body.getString("jwt", "").isEmpty()) {
                return errors(400, "invalid role name \"" + body.getString("role", "") + "\"");
            }
            return login(List.of("default", "veil"));
        }
        String token = request.getHeader("X-Vault-Token");
        TokenInfo caller = token == null ? null : tokens.get(token);
        if (caller == null) {
            return errors(403, "permission denied");
        }
        if (path.equals("auth/token/lookup-self") && method.equals("GET")) {
            return ok(lookup(caller));
        }
        if (path.equals("auth/token/renew-self") && (method.equals("POST") || method.equals("PUT"))) {
            if (!caller.renewable()) {
                return errors(400, "lease is not renewable");
            }
            return json(200, envelope(null).set("auth", auth(caller)));
        }
        if (path.startsWith("transit/")) {
            return transit(path.substring("transit/".length()), method, list, body);
        }
        if (path.startsWith("secret/")) {
            return kv("secret", path.substring("secret/".length()), method, list, body);
        }
        return errors(404, "no handler for route \"" + path + "\". route entry not found.");
    }

    private FaultKind nextFault() {
        if (!forcedFaults.isEmpty()) {
            return forcedFaults.remove(0);
        }
        if (faultRate > 0 && !faultKinds.isEmpty() && faultRandom.nextDouble() < faultRate) {
            List<FaultKind> kinds = new ArrayList<>(faultKinds);
            return kinds.get(faultRandom.nextInt(kinds.size()));
        }
        return null;
    }

    private ResponseDefinition faultResponse(FaultKind fault, String path) {
        return switch (fault) {
            case SERVER_ERROR -> errors(500, "internal error");
            case SEALED -> path.equals("sys/health") ? json(503, health().set("sealed", true)) : errors(503, "Vault is sealed");
            case FORBIDDEN -> errors(403, "permission denied");
            case RATE_LIMITED -> ResponseDefinitionBuilder.responseDefinition().withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Retry-After", "1")
                    .withHeader("X-Ratelimit-Limit", "100")
                    .withHeader("X-Ratelimit-Remaining", "0")
                    .withHeader("X-Ratelimit-Reset", "1")
                    .withBody(new JsonObject().add("errors", new JsonArray().add("request path \"" + path + "\": rate limit quota exceeded")).toString())
                    .build();
            case CONNECTION_RESET -> ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            case DELAY -> ResponseDefinitionBuilder.responseDefinition().withStatus(503).withFixedDelay(delayMillis)
                    .withHeader("Content-Type", "application/json")
                    .withBody(new JsonObject().add("errors", new JsonArray().add("context deadline exceeded")).toString()).build();
        };
    }

    // ---- Transit ----------------------------------------------------------------------------

    private ResponseDefinition transit(String path, String method, boolean list, JsonObject body) {
        if (path.equals("keys") || path.equals("keys/")) {
            if (!list) {
                return errors(405, "unsupported operation");
            }
            if (transit.isEmpty()) {
                return errors(404);
            }
            JsonArray keys = new JsonArray();
            new TreeSet<>(transit.keySet()).forEach(keys::add);
            return ok(new JsonObject().add("keys", keys));
        }
        String[] parts = path.split("/");
        if (parts[0].equals("keys") && parts.length == 2) {
            String name = parts[1];
            if (method.equals("POST") || method.equals("PUT")) {
                transit.computeIfAbsent(name, n -> {
                    TransitKey key = new TransitKey();
                    addVersion(key);
                    return key;
                });
                return ok(keyInfo(name, transit.get(name)));
            }
            TransitKey key = transit.get(name);
            return key == null ? errors(404) : ok(keyInfo(name, key));
        }
        if (parts[0].equals("keys") && parts.length == 3 && parts[2].equals("rotate")) {
            TransitKey key = transit.get(parts[1]);
            if (key == null) {
                return errors(400, "key not found");
            }
            addVersion(key);
            return ok(keyInfo(parts[1], key));
        }
        if (parts[0].equals("keys") && parts.length == 3 && parts[2].equals("config")) {
            TransitKey key = transit.get(parts[1]);
            if (key == null) {
                return errors(400, "no existing key named " + parts[1] + " could be found");
            }
            int min = body.getInt("min_decryption_version", key.minDecryptionVersion);
            if (min > key.versions.size()) {
                return errors(400, "cannot set min decryption version of " + min + ", latest key version is " + key.versions.size());
            }
            key.minDecryptionVersion = Math.max(1, min);
            return ok(keyInfo(parts[1], key));
        }
        if (parts[0].equals("datakey") && parts.length == 3 && (parts[1].equals("wrapped") || parts[1].equals("plaintext"))) {
            TransitKey key = transit.get(parts[2]);
            if (key == null) {
                return errors(400, "encryption key not found");
            }
            int bits = body.getInt("bits", 256);
            if (bits != 128 && bits != 256 && bits != 512) {
                return errors(400, "invalid bit size");
            }
            byte[] dataKey = new byte[bits / 8];
            random.nextBytes(dataKey);
            int version = key.versions.size();
            JsonObject data = new JsonObject().add("ciphertext", wrap(key, version, dataKey)).add("key_version", version);
            if (parts[1].equals("plaintext")) {
                data.add("plaintext", Base64.getEncoder().encodeToString(dataKey));
            }
            return ok(data);
        }
        if (parts[0].equals("decrypt") && parts.length == 2) {
            TransitKey key = transit.get(parts[1]);
            if (key == null) {
                return errors(400, "encryption key not found");
            }
            String ciphertext = body.getString("ciphertext", "");
            if (!ciphertext.startsWith("vault:v")) {
                return errors(400, "invalid ciphertext: no prefix");
            }
            int colon = ciphertext.indexOf(':', 7);
            int version = Integer.parseInt(ciphertext.substring(7, colon));
            if (version < key.minDecryptionVersion) {
                return errors(400, "ciphertext or signature version is disallowed by policy (too old)");
            }
            if (version > key.versions.size()) {
                return errors(400, "invalid key version");
            }
            byte[] plaintext = unwrap(key, version, Base64.getDecoder().decode(ciphertext.substring(colon + 1)));
            return plaintext == null ? errors(400, "cipher: message authentication failed")
                    : ok(new JsonObject().add("plaintext", Base64.getEncoder().encodeToString(plaintext)));
        }
        if (parts[0].equals("rewrap") && parts.length == 2) {
            TransitKey key = transit.get(parts[1]);
            String ciphertext = body.getString("ciphertext", "");
            int colon = ciphertext.indexOf(':', 7);
            byte[] plaintext = key == null || colon < 0 ? null
                    : unwrap(key, Integer.parseInt(ciphertext.substring(7, colon)), Base64.getDecoder().decode(ciphertext.substring(colon + 1)));
            if (plaintext == null) {
                return errors(400, "invalid ciphertext");
            }
            return ok(new JsonObject().add("ciphertext", wrap(key, key.versions.size(), plaintext)).add("key_version", key.versions.size()));
        }
        return errors(404, "no handler for route \"transit/" + path + "\". route entry not found.");
    }

    private void addVersion(TransitKey key) {
        byte[] material = new byte[32];
        random.nextBytes(material);
        key.versions.add(material);
        key.created.add(Instant.now().getEpochSecond());
    }

    private String wrap(TransitKey key, int version, byte[] plaintext) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.versions.get(version - 1), "AES"), new GCMParameterSpec(128, nonce));
            byte[] sealedBytes = cipher.doFinal(plaintext);
            byte[] out = new byte[12 + sealedBytes.length];
            System.arraycopy(nonce, 0, out, 0, 12);
            System.arraycopy(sealedBytes, 0, out, 12, sealedBytes.length);
            return "vault:v" + version + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unwrap(TransitKey key, int version, byte[] wrapped) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.versions.get(version - 1), "AES"),
                    new GCMParameterSpec(128, wrapped, 0, 12));
            return cipher.doFinal(wrapped, 12, wrapped.length - 12);
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static JsonObject keyInfo(String name, TransitKey key) {
        JsonObject versions = new JsonObject();
        for (int i = 0; i < key.versions.size(); i++) {
            versions.add(Integer.toString(i + 1), key.created.get(i));
        }
        return new JsonObject()
                .add("allow_plaintext_backup", false)
                .add("auto_rotate_period", 0)
                .add("deletion_allowed", false)
                .add("derived", false)
                .add("exportable", false)
                .add("imported_key", false)
                .add("keys", versions)
                .add("latest_version", key.versions.size())
                .add("min_available_version", 0)
                .add("min_decryption_version", key.minDecryptionVersion)
                .add("min_encryption_version", 0)
                .add("name", name)
                .add("supports_decryption", true)
                .add("supports_derivation", true)
                .add("supports_encryption", true)
                .add("supports_signing", false)
                .add("type", "aes256-gcm96");
    }

    // ---- KV v2 ------------------------------------------------------------------------------

    private ResponseDefinition kv(String mount, String path, String method, boolean list, JsonObject body) {
        if (path.startsWith("data/")) {
            String key = mount + "/" + path.substring("data/".length());
            if (method.equals("GET")) {
                KvEntry entry = kv.get(key);
                if (entry == null || entry.current == 0) {
                    return errors(404);
                }
                return ok(new JsonObject().add("data", entry.versions.get(entry.current)).add("metadata", versionMetadata(entry, entry.current)));
            }
            if (method.equals("POST") || method.equals("PUT")) {
                JsonValue data = body.get("data");
                if (data == null || !data.isObject()) {
                    return errors(400, "no data provided");
                }
                KvEntry entry = kv.get(key);
                int current = entry == null ? 0 : entry.current;
                JsonValue options = body.get("options");
                if (options != null && options.isObject() && options.asObject().get("cas") != null
                        && options.asObject().get("cas").asInt() != current) {
                    return errors(400, "check-and-set parameter did not match the current version");
                }
                if (entry == null) {
                    entry = new KvEntry();
                    kv.put(key, entry);
                }
                entry.current = current + 1;
                kvWrites.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
                entry.versions.put(entry.current, data.asObject());
                entry.createdTimes.put(entry.current, Instant.now().toString());
                return ok(versionMetadata(entry, entry.current));
            }
            if (method.equals("DELETE")) {
                KvEntry entry = kv.get(key);
                if (entry != null) {
                    entry.current = 0; // soft delete of the latest version
                }
                return noContent();
            }
        }
        if (path.startsWith("metadata/")) {
            String key = mount + "/" + path.substring("metadata/".length());
            if (list) {
                String folder = key.endsWith("/") ? key : key + "/";
                Set<String> names = new TreeSet<>();
                for (Map.Entry<String, KvEntry> e : kv.entrySet()) {
                    if (e.getKey().startsWith(folder) && e.getValue().current > 0) {
                        String rest = e.getKey().substring(folder.length());
                        int slash = rest.indexOf('/');
                        names.add(slash < 0 ? rest : rest.substring(0, slash + 1));
                    }
                }
                if (names.isEmpty()) {
                    return errors(404);
                }
                JsonArray keys = new JsonArray();
                names.forEach(keys::add);
                return ok(new JsonObject().add("keys", keys));
            }
            if (method.equals("DELETE")) {
                kv.remove(key);
                return noContent();
            }
            if (method.equals("GET")) {
                KvEntry entry = kv.get(key);
                if (entry == null) {
                    return errors(404);
                }
                JsonObject versions = new JsonObject();
                entry.versions.keySet().forEach(v -> versions.add(Integer.toString(v), versionMetadata(entry, v)));
                return ok(new JsonObject().add("cas_required", false).add("created_time", entry.createdTimes.get(1))
                        .add("current_version", entry.current).add("custom_metadata", Json.NULL).add("delete_version_after", "0s")
                        .add("max_versions", 0).add("oldest_version", 0).add("updated_time", entry.createdTimes.get(entry.current))
                        .add("versions", versions));
            }
        }
        return errors(404, "no handler for route \"" + mount + "/" + path + "\". route entry not found.");
    }

    private static JsonObject versionMetadata(KvEntry entry, int version) {
        return new JsonObject().add("created_time", entry.createdTimes.get(version)).add("custom_metadata", Json.NULL)
                .add("deletion_time", "").add("destroyed", false).add("version", version);
    }

    // ---- auth -------------------------------------------------------------------------------

    private ResponseDefinition login(List<String> policies) {
        String token = "hvs." + UUID.randomUUID().toString().replace("-", "");
        TokenInfo info = new TokenInfo(token, loginTtlSeconds, true, policies);
        tokens.put(token, info);
        return json(200, envelope(null).set("auth", auth(info)));
    }

    private static JsonObject auth(TokenInfo info) {
        JsonArray policies = new JsonArray();
        info.policies().forEach(policies::add);
        return new JsonObject().add("client_token", info.id()).add("accessor", "acc." + info.id().hashCode())
                .add("policies", policies).add("token_policies", policies).add("metadata", new JsonObject().add("role_name", "veil"))
                .add("lease_duration", info.ttl()).add("renewable", info.renewable()).add("entity_id", "")
                .add("token_type", "service").add("orphan", true);
    }

    private static JsonObject lookup(TokenInfo info) {
        JsonArray policies = new JsonArray();
        info.policies().forEach(policies::add);
        return new JsonObject().add("accessor", "acc." + info.id().hashCode()).add("creation_time", Instant.now().getEpochSecond())
                .add("creation_ttl", info.ttl()).add("display_name", "token").add("entity_id", "")
                .add("expire_time", Json.NULL).add("explicit_max_ttl", 0).add("id", info.id()).add("meta", Json.NULL)
                .add("num_uses", 0).add("orphan", true).add("path", "auth/token/create").add("policies", policies)
                .add("renewable", info.renewable()).add("ttl", info.ttl()).add("type", "service");
    }

    private static JsonObject health() {
        return new JsonObject().add("initialized", true).add("sealed", false).add("standby", false)
                .add("performance_standby", false).add("replication_performance_mode", "disabled")
                .add("replication_dr_mode", "disabled").add("server_time_utc", Instant.now().getEpochSecond())
                .add("version", "1.17.2").add("cluster_name", "vault-cluster-fake").add("cluster_id", "fake");
    }

    // ---- envelopes --------------------------------------------------------------------------

    private static JsonObject envelope(JsonObject data) {
        return new JsonObject().add("request_id", UUID.randomUUID().toString()).add("lease_id", "").add("renewable", false)
                .add("lease_duration", 0).add("data", data == null ? Json.NULL : data).add("wrap_info", Json.NULL)
                .add("warnings", Json.NULL).add("auth", Json.NULL).add("mount_type", "");
    }

    private static ResponseDefinition ok(JsonObject data) {
        return json(200, envelope(data));
    }

    private static ResponseDefinition noContent() {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
    }

    private static ResponseDefinition errors(int status, String... messages) {
        JsonArray errors = new JsonArray();
        for (String message : messages) {
            errors.add(status == 403 || status == 500 ? "1 error occurred:\n\t* " + message + "\n\n" : message);
        }
        return json(status, new JsonObject().add("errors", errors));
    }

    private static ResponseDefinition json(int status, JsonObject body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Cache-Control", "no-store")
                .withBody(body.toString().getBytes(UTF_8)).build();
    }

}
