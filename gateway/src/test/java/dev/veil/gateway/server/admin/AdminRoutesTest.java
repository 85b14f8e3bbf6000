package dev.veil.gateway.server.admin;

import static dev.veil.gateway.core.CoreFixtures.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.gateway.auth.AdminAuthenticator;
import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.gateway.core.BrandFile;
import dev.veil.gateway.core.CoreFixtures;
import dev.veil.gateway.core.GatewayCore;
import dev.veil.gateway.http.HttpServer;
import dev.veil.gateway.http.ListenerSettings;
import dev.veil.gateway.intake.IntakeResult;
import dev.veil.gateway.ops.AuditLog;
import dev.veil.gateway.ops.MemoryAuditSink;
import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.routing.model.Outcome;
import dev.veil.gateway.server.ErrorStatus;
import dev.veil.gateway.store.OutboxMessage;
import java.io.IOException;
import java.io.StringReader;
import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The admin routes on a real server on an ephemeral port with an in-memory core, driven by java.net.http. */
@Timeout(60)
class AdminRoutesTest {

    static final String TOKEN = "veil_admin_test-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPERT_BODY = """
            {"certifications": {"acme": "2027-03-01T00:00:00Z", "initech": "2027-03-01T00:00:00Z"},
             "skills": {"billing": 3, "refunds": 5},
             "languages": ["en", "es"],
             "capacity": 2}
            """;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);
    private final MemoryAuditSink sink = new MemoryAuditSink();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private EphemeralKeyProvider keys;
    private GatewayCore core;
    private HttpServer server;
    private Path acmePolicy;
    private int port;

    @BeforeEach
    void start() throws IOException {
        acmePolicy = dir.resolve("acme.yaml");
        Files.copy(CoreFixtures.brand("acme").policyFile(), acmePolicy);
        keys = new EphemeralKeyProvider(new SecureRandom());
        core = GatewayCore.builder().keys(keys).routing(CoreFixtures.routing()).clock(clock)
                .brand(new BrandFile("acme", acmePolicy, "/ticket/id", "/ticket/comments"))
                .brand(CoreFixtures.brand("globex"))
                .brand(CoreFixtures.brand("initech"))
                .build();
        AdminAuthenticator auth = AdminAuthenticator.builder().tokenSha256(AdminAuthenticator.sha256Hex(TOKEN)).build();
        AdminContext ctx = AdminContext.of(core, keys, auth, AuditLog.of(sink, clock), clock);
        ListenerSettings admin = ListenerSettings.builder("admin").build();
        server = HttpServer.builder().listener(admin, AdminRoutes.of(ctx)).statusMapper(ErrorStatus.mapper()).build().start();
        port = server.port("admin");
    }

    @AfterEach
    void stop() {
        server.close();
        core.close();
    }

    // --- helpers

    private HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(method, path, body, TOKEN);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return call("GET", path, null);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Checks a Veil error body (exactly error and detail) and returns its code. */
    private static String error(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode node = json(response);
        assertThat(node.size()).as(response.body()).isEqualTo(2);
        assertThat(node.get("detail").isTextual()).isTrue();
        return node.get("error").asText();
    }

    private List<JsonNode> audit() throws IOException {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : sink.lines()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private JsonNode lastAudit() throws IOException {
        List<JsonNode> lines = audit();
        return lines.get(lines.size() - 1);
    }

    // --- authentication

    @Test
    void everyRouteRefusesMissingAndWrongCredentialsAndAuditsTheRefusal() throws Exception {
        List<String[]> routes = List.of(
                new String[] {"GET", "/v1/admin/experts/exp-1"}, new String[] {"PUT", "/v1/admin/experts/exp-1"},
                new String[] {"POST", "/v1/admin/experts/exp-1/suspend"}, new String[] {"POST", "/v1/admin/experts/exp-1/unsuspend"},
                new String[] {"POST", "/v1/admin/experts/exp-1/online"}, new String[] {"POST", "/v1/admin/experts/exp-1/offline"},
                new String[] {"GET", "/v1/admin/brands"}, new String[] {"GET", "/v1/admin/queues"},
                new String[] {"GET", "/v1/admin/brands/acme/queues"}, new String[] {"POST", "/v1/admin/brands/acme/policy/reload"},
                new String[] {"GET", "/v1/admin/explain?ticket=t&expert=e"}, new String[] {"GET", "/v1/admin/ledger"},
                new String[] {"GET", "/v1/admin/outbox"}, new String[] {"POST", "/v1/admin/outbox/m1/redrive"},
                new String[] {"GET", "/v1/admin/keys"}, new String[] {"POST", "/v1/admin/keys/acme%2Fcard/rotate"},
                new String[] {"GET", "/v1/admin/experts"}, new String[] {"GET", "/v1/admin/audit"},
                new String[] {"GET", "/v1/admin/queues/history"}, new String[] {"POST", "/v1/admin/policy/preview"},
                new String[] {"POST", "/v1/admin/policy/diff"});
        int version = core.policies().get("acme").current().version();
        for (String[] r : routes) {
            assertThat(error(call(r[0], r[1], EXPERT_BODY, null), 401)).as(r[1]).isEqualTo("missing_token");
            HttpResponse<String> wrong = call(r[0], r[1], EXPERT_BODY, TOKEN + "x");
            assertThat(error(wrong, 401)).as(r[1]).isEqualTo("invalid_token");
            assertThat(wrong.body()).doesNotContain(TOKEN);
        }
        assertThat(AdminRoutes.of(AdminContext.of(core, keys, AdminAuthenticator.builder()
                .tokenSha256(AdminAuthenticator.sha256Hex(TOKEN)).build(), AuditLog.of(sink, clock), clock)).patterns())
                .hasSize(20);
        assertThat(core.routing().expert("exp-1")).isEmpty();
        assertThat(core.policies().get("acme").current().version()).isEqualTo(version);
        List<JsonNode> lines = audit();
        assertThat(lines).hasSize(routes.size() * 2);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.get("actor").asText()).isEqualTo("admin");
            assertThat(line.get("actor_id").asText()).isEqualTo(AdminAudit.UNAUTHENTICATED);
            assertThat(line.get("outcome").asText()).isEqualTo("denied");
        });
        assertThat(lines.get(0).get("action").asText()).isEqualTo("admin.expert.get");
        assertThat(String.join("\n", sink.lines())).doesNotContain(TOKEN);
    }

    // --- experts

    @Test
    void putCreatesThenReplacesAnExpertAndPresenceAndSuspensionAreSet() throws Exception {
        HttpResponse<String> created = call("PUT", "/v1/admin/experts/exp-1", EXPERT_BODY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode view = json(created);
        assertThat(view.get("id").asText()).isEqualTo("exp-1");
        assertThat(view.get("certifications").get("acme").asText()).isEqualTo("2027-03-01T00:00:00Z");
        assertThat(view.get("skills").get("refunds").asInt()).isEqualTo(5);
        assertThat(view.get("languages").toString()).isEqualTo("[\"en\",\"es\"]");
        assertThat(view.get("capacity").asInt()).isEqualTo(2);
        assertThat(view.get("online").asBoolean()).isFalse();
        assertThat(core.routing().expert("exp-1").orElseThrow().profile().capacity()).isEqualTo(2);

        assertThat(json(call("POST", "/v1/admin/experts/exp-1/online", null)).get("online").asBoolean()).isTrue();
        HttpResponse<String> replaced = call("PUT", "/v1/admin/experts/exp-1", EXPERT_BODY.replace("\"capacity\": 2", "\"capacity\": 4"));
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(json(replaced).get("capacity").asInt()).isEqualTo(4);
        assertThat(json(replaced).get("online").asBoolean()).as("presence kept on update").isTrue();

        assertThat(json(call("POST", "/v1/admin/experts/exp-1/suspend", null)).get("suspended").asBoolean()).isTrue();
        assertThat(core.routing().expert("exp-1").orElseThrow().suspended()).isTrue();
        assertThat(json(call("POST", "/v1/admin/experts/exp-1/unsuspend", null)).get("suspended").asBoolean()).isFalse();
        assertThat(json(call("POST", "/v1/admin/experts/exp-1/offline", null)).get("online").asBoolean()).isFalse();
        assertThat(core.routing().expert("exp-1").orElseThrow().online()).isFalse();
        HttpResponse<String> read = get("/v1/admin/experts/exp-1");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).get("counters").get("claims").asLong()).isZero();

        assertThat(audit()).extracting(l -> l.get("action").asText() + ":" + l.get("outcome").asText() + ":" + l.get("actor_id").asText())
                .containsExactly("admin.expert.put:allowed:admin-token", "admin.expert.online:allowed:admin-token",
                        "admin.expert.put:allowed:admin-token", "admin.expert.suspend:allowed:admin-token",
                        "admin.expert.unsuspend:allowed:admin-token", "admin.expert.offline:allowed:admin-token",
                        "admin.expert.get:allowed:admin-token");
    }

    @Test
    void unknownExpertsAre404AndAuditedAsDenied() throws Exception {
        for (String path : List.of("/v1/admin/experts/nobody/suspend", "/v1/admin/experts/nobody/unsuspend",
                "/v1/admin/experts/nobody/online", "/v1/admin/experts/nobody/offline")) {
            assertThat(error(call("POST", path, null), 404)).isEqualTo("unknown_expert");
        }
        assertThat(error(get("/v1/admin/experts/nobody"), 404)).isEqualTo("unknown_expert");
        assertThat(audit()).hasSize(5).allSatisfy(l -> assertThat(l.get("outcome").asText()).isEqualTo("denied"));
    }

    @Test
    void badExpertBodiesAre400WithoutEchoingWhatWasSent() throws Exception {
        List<String> bad = List.of(
                EXPERT_BODY.replace("\"refunds\": 5", "\"refunds\": 6"),
                EXPERT_BODY.replace("\"refunds\": 5", "\"refunds\": 2.5"),
                EXPERT_BODY.replace("\"refunds\": 5", "\"refunds\": \"5\""),
                EXPERT_BODY.replace("\"refunds\"", "\"Refunds Secretvalue\""),
                EXPERT_BODY.replace("\"capacity\": 2", "\"capacity\": 2, \"secretmember\": 1"),
                EXPERT_BODY.replace("\"initech\"", "\"secretbrand\""),
                EXPERT_BODY.replace("\"2027-03-01T00:00:00Z\", \"initech\"", "\"secret-date\", \"initech\""),
                EXPERT_BODY.replace("[\"en\", \"es\"]", "[\"english-secret\"]"),
                EXPERT_BODY.replace("[\"en\", \"es\"]", "[]"),
                EXPERT_BODY.replace("\"capacity\": 2", "\"capacity\": 101"),
                EXPERT_BODY.replace(",\n \"capacity\": 2", ""),
                "[\"secret\"]");
        for (String body : bad) {
            HttpResponse<String> response = call("PUT", "/v1/admin/experts/exp-1", body);
            assertThat(error(response, 400)).as(body).isEqualTo("invalid_expert");
            assertThat(response.body()).doesNotContainIgnoringCase("secret").doesNotContain("2.5").doesNotContain("english");
        }
        HttpResponse<String> broken = call("PUT", "/v1/admin/experts/exp-1", "{\"certifications\": secret");
        assertThat(error(broken, 400)).isEqualTo("invalid_json");
        assertThat(broken.body()).doesNotContain("secret");
        assertThat(error(call("PUT", "/v1/admin/experts/bad%20id", EXPERT_BODY), 400)).isEqualTo("invalid_expert");
        assertThat(core.routing().expert("exp-1")).isEmpty();
        assertThat(audit()).hasSize(bad.size() + 2).allSatisfy(l -> assertThat(l.get("outcome").asText()).isEqualTo("denied"));
    }

    // --- brands and queues

    @Test
    void brandsListPolicyNameVersionAndRoutingModeAndNoSecrets() throws Exception {
        HttpResponse<String> response = get("/v1/admin/brands");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode brands = json(response).get("brands");
        assertThat(brands).hasSize(3);
        assertThat(brands.get(0).get("brand").asText()).isEqualTo("acme");
        assertThat(brands.get(0).get("policy").get("name").asText()).isEqualTo("acme-support");
        assertThat(brands.get(0).get("policy").get("version").asInt()).isEqualTo(7);
        assertThat(brands.get(0).get("routingMode").asText()).isEqualTo("claim");
        assertThat(brands.get(2).get("brand").asText()).isEqualTo("initech");
        assertThat(brands.get(2).get("policy").get("version").asInt()).isEqualTo(12);
        assertThat(response.body()).doesNotContain("whsec").doesNotContain(dir.toString());
        assertThat(lastAudit().get("action").asText()).isEqualTo("admin.brands.list");
    }

    @Test
    void queuesCountWaitingTicketsPerBrandAndUnknownBrandsAre404() throws Exception {
        core.intake().submit("acme", CoreFixtures.ticket("zendesk-en"));
        clock.advance(java.time.Duration.ofMinutes(3));
        JsonNode all = json(get("/v1/admin/queues")).get("queues");
        JsonNode acme = json(get("/v1/admin/brands/acme/queues")).get("queues");
        assertThat(acme.get(0).get("brand").asText()).isEqualTo("acme");
        assertThat(acme.get(0).get("skill").asText()).isEqualTo("*");
        assertThat(acme.get(0).get("depth").asInt()).isEqualTo(1);
        assertThat(acme.get(0).get("oldestWaitSeconds").asLong()).isEqualTo(180);
        int allAcme = 0;
        for (JsonNode row : all) {
            if (row.get("brand").asText().equals("acme") && row.get("skill").asText().equals("*")) {
                allAcme = row.get("depth").asInt();
            }
        }
        assertThat(allAcme).isEqualTo(1);
        assertThat(json(get("/v1/admin/brands/globex/queues")).get("queues").get(0).get("depth").asInt()).isZero();
        assertThat(error(get("/v1/admin/brands/nosuch/queues"), 404)).isEqualTo("unknown_brand");
        JsonNode line = lastAudit();
        assertThat(line.get("action").asText()).isEqualTo("admin.queues.brand");
        assertThat(line.get("brand").asText()).isEqualTo("nosuch");
        assertThat(line.get("outcome").asText()).isEqualTo("denied");
    }

    // --- explain

    @Test
    void explainListsEveryRuleAndSaysWhyAnExpertDoesNotSeeATicket() throws Exception {
        IntakeResult t = core.intake().submit("acme", CoreFixtures.ticket("zendesk-en"));
        core.routing().upsertExpert(CoreFixtures.expert("exp-1", 1));
        core.routing().setOnline("exp-1", true);
        JsonNode eligible = json(get("/v1/admin/explain?ticket=" + t.ticketId() + "&expert=exp-1"));
        assertThat(eligible.get("eligible").asBoolean()).as(eligible.toString()).isTrue();
        assertThat(eligible.get("brand").asText()).isEqualTo("acme");
        assertThat(eligible.get("rules").size()).isEqualTo(core.routing().explain(t.ticketId(), "exp-1").orElseThrow().size());

        call("POST", "/v1/admin/experts/exp-1/offline", null);
        JsonNode offline = json(get("/v1/admin/explain?ticket=" + t.ticketId() + "&expert=exp-1"));
        assertThat(offline.get("eligible").asBoolean()).isFalse();
        List<String> failed = new java.util.ArrayList<>();
        offline.get("rules").forEach(r -> {
            if (!r.get("passed").asBoolean()) {
                failed.add(r.get("rule").asText());
            }
        });
        assertThat(failed).contains("online");
        JsonNode line = lastAudit();
        assertThat(line.get("action").asText()).isEqualTo("admin.explain");
        assertThat(line.get("ticket").asText()).isEqualTo(t.ticketId());
        assertThat(line.get("brand").asText()).isEqualTo("acme");

        assertThat(error(get("/v1/admin/explain?ticket=vt_nosuch&expert=exp-1"), 404)).isEqualTo("unknown_ticket");
        assertThat(error(get("/v1/admin/explain?ticket=" + t.ticketId() + "&expert=nobody"), 404)).isEqualTo("unknown_expert");
        assertThat(error(get("/v1/admin/explain?ticket=" + t.ticketId()), 400)).isEqualTo("missing_parameter");
        HttpResponse<String> bad = get("/v1/admin/explain?ticket=secret%20value&expert=exp-1");
        assertThat(error(bad, 400)).isEqualTo("invalid_parameter");
        assertThat(bad.body()).doesNotContain("secret");
    }

    // --- ledger

    @Test
    void ledgerExportsCsvAndJsonWithinTheRange() throws Exception {
        core.routing().upsertExpert(CoreFixtures.expert("exp-1", 1));
        core.routing().setOnline("exp-1", true);
        IntakeResult t = core.intake().submit("initech", CoreFixtures.ticket("freshdesk-en"));
        core.experts().claim("exp-1", t.ticketId());
        clock.advance(java.time.Duration.ofMinutes(10));
        core.events().resolved("initech", t.ticketId(), Outcome.ACCEPTED);

        HttpResponse<String> csv = get("/v1/admin/ledger?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type")).contains(LedgerHandler.CSV);
        List<String> rows = new BufferedReader(new StringReader(csv.body())).lines().toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).startsWith("seq,at,kind,expert,ticket,brand,currency");
        String[] cells = rows.get(1).split(",", -1);
        assertThat(cells[2]).isEqualTo("earning");
        assertThat(cells[3]).isEqualTo("exp-1");
        assertThat(cells[4]).isEqualTo(t.ticketId());
        assertThat(cells[5]).isEqualTo("initech");
        assertThat(cells[10]).isEqualTo("500");

        HttpResponse<String> json = get("/v1/admin/ledger?format=json&from=" + START + "&to=" + START.plusSeconds(3600));
        assertThat(json.headers().firstValue("content-type")).contains("application/json");
        JsonNode entries = json(json);
        assertThat(entries.isArray()).isTrue();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("amountMinor").asLong()).isEqualTo(500);
        assertThat(entries.get(0).get("expert").asText()).isEqualTo("exp-1");
        assertThat(json(get("/v1/admin/ledger?to=" + START.plusSeconds(60)))).isEmpty();
        assertThat(json(get("/v1/admin/ledger?from=" + START.plusSeconds(3600)))).isEmpty();

        assertThat(error(get("/v1/admin/ledger?format=xml"), 400)).isEqualTo("invalid_parameter");
        HttpResponse<String> badFrom = get("/v1/admin/ledger?from=secret-date");
        assertThat(error(badFrom, 400)).isEqualTo("invalid_parameter");
        assertThat(badFrom.body()).doesNotContain("secret");
        assertThat(error(get("/v1/admin/ledger?from=" + START.plusSeconds(60) + "&to=" + START), 400)).isEqualTo("invalid_parameter");
        assertThat(audit()).extracting(l -> l.get("action").asText()).containsOnly("admin.ledger.export");
    }

    // --- outbox

    @Test
    void outboxListsDeadLettersWithoutPayloadsAndRedriveMovesOneBack() throws Exception {
        String payload = "{\"reply\":\"payload-secret\"}";
        core.outbox().enqueue("msg_a", "acme", payload.getBytes(StandardCharsets.UTF_8));
        core.outbox().enqueue("msg_b", "globex", payload.getBytes(StandardCharsets.UTF_8));
        core.outbox().deadLetter("msg_a", "http_400");

        HttpResponse<String> state = get("/v1/admin/outbox");
        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.body()).doesNotContain("payload-secret").doesNotContain("reply");
        JsonNode body = json(state);
        assertThat(body.get("pending").asInt()).isEqualTo(1);
        assertThat(body.get("dead").asInt()).isEqualTo(1);
        JsonNode dead = body.get("deadLetters").get(0);
        assertThat(dead.get("id").asText()).isEqualTo("msg_a");
        assertThat(dead.get("brand").asText()).isEqualTo("acme");
        assertThat(dead.get("lastError").asText()).isEqualTo("http_400");

        HttpResponse<String> redriven = call("POST", "/v1/admin/outbox/msg_a/redrive", null);
        assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(200);
        assertThat(core.outbox().get("msg_a").orElseThrow().state()).isEqualTo(OutboxMessage.State.PENDING);
        assertThat(core.outbox().depth()).isEqualTo(new dev.veil.gateway.store.Outbox.Depth(2, 0));
        JsonNode line = lastAudit();
        assertThat(line.get("action").asText()).isEqualTo("admin.outbox.redrive");
        assertThat(line.get("brand").asText()).isEqualTo("acme");
        assertThat(line.get("outcome").asText()).isEqualTo("allowed");

        assertThat(error(call("POST", "/v1/admin/outbox/msg_a/redrive", null), 409)).isEqualTo("not_dead_letter");
        assertThat(error(call("POST", "/v1/admin/outbox/msg_zzz/redrive", null), 404)).isEqualTo("unknown_message");
        assertThat(error(get("/v1/admin/outbox?limit=0"), 400)).isEqualTo("invalid_parameter");
    }

    // --- policy reload

    @Test
    void policyReloadSwapsInTheNewVersionAndABrokenFileKeepsTheOldOne() throws Exception {
        String original = Files.readString(acmePolicy);
        Files.writeString(acmePolicy, original.replace("version: 7", "version: 8"));
        HttpResponse<String> applied = call("POST", "/v1/admin/brands/acme/policy/reload", null);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(json(applied).get("previousVersion").asInt()).isEqualTo(7);
        assertThat(json(applied).get("policy").get("version").asInt()).isEqualTo(8);
        assertThat(core.brands().require("acme").policy().get().version()).isEqualTo(8);

        Files.writeString(acmePolicy, original.replace("version: 7", "version: 9").replace("action: keep", "action: kepe"));
        HttpResponse<String> refused = call("POST", "/v1/admin/brands/acme/policy/reload", null);
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode body = json(refused);
        assertThat(body.get("error").asText()).isEqualTo("invalid_policy");
        assertThat(body.get("problems").size()).isPositive();
        assertThat(body.get("detail").asText()).startsWith(body.get("problems").size() + " problem").contains("version 8 stays in force");
        assertThat(body.get("problems").get(0).get("line").asInt()).isPositive();
        assertThat(body.get("problems").get(0).get("path").asText()).isEqualTo("fields[0].action");
        assertThat(refused.body()).as("the file's text stays on the operator's terminal").doesNotContain("kepe");
        assertThat(core.brands().require("acme").policy().get().version()).isEqualTo(8);
        assertThat(json(get("/v1/admin/brands")).get("brands").get(0).get("policy").get("version").asInt()).isEqualTo(8);
        JsonNode line = audit().get(audit().size() - 2);
        assertThat(line.get("action").asText()).isEqualTo("admin.policy.reload");
        assertThat(line.get("brand").asText()).isEqualTo("acme");
        assertThat(line.get("outcome").asText()).isEqualTo("denied");

        assertThat(error(call("POST", "/v1/admin/brands/nosuch/policy/reload", null), 404)).isEqualTo("unknown_brand");
    }

    // --- audit

    @Test
    void aCallWhoseAuditLineCannotBeWrittenIs503() throws Exception {
        AdminAuthenticator auth = AdminAuthenticator.builder().tokenSha256(AdminAuthenticator.sha256Hex(TOKEN)).build();
        AuditLog broken = AuditLog.of(line -> {
            throw new IOException("disk full");
        }, clock);
        try (HttpServer other = HttpServer.builder()
                .listener(ListenerSettings.builder("admin").build(), AdminRoutes.of(AdminContext.of(core, keys, auth, broken, clock)))
                .statusMapper(ErrorStatus.mapper()).build().start()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + other.port("admin") + "/v1/admin/brands"))
                    .header("Authorization", "Bearer " + TOKEN).build(), BodyHandlers.ofString());
            assertThat(error(response, 503)).isEqualTo("audit_unavailable");
            assertThat(response.body()).doesNotContain("disk full");
        }
    }

    // --- keys

    @Test
    void keyRotationBumpsTheVersionAndNeverShowsMaterial() throws Exception {
        keys.createIfAbsent("acme/card");
        HttpResponse<String> rotated = call("POST", "/v1/admin/keys/acme%2Fcard/rotate", null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        JsonNode body = json(rotated);
        assertThat(body.get("keyId").asText()).isEqualTo("acme/card");
        assertThat(body.get("previousVersion").asInt()).isEqualTo(1);
        assertThat(body.get("version").asInt()).isEqualTo(2);
        assertThat(keys.current("acme/card").version()).isEqualTo(2);
        assertThat(keys.version("acme/card", 1)).isNotNull();
        String material = java.util.HexFormat.of().formatHex(keys.current("acme/card").key().getEncoded());
        String b64 = java.util.Base64.getEncoder().encodeToString(keys.current("acme/card").key().getEncoded());
        assertThat(rotated.body()).doesNotContain(material).doesNotContain(b64);
        JsonNode line = lastAudit();
        assertThat(line.get("action").asText()).isEqualTo("admin.key.rotate");
        assertThat(line.get("brand").asText()).isEqualTo("acme");

        JsonNode list = json(get("/v1/admin/keys")).get("keys");
        boolean found = false;
        for (JsonNode k : list) {
            if (k.get("keyId").asText().equals("acme/card")) {
                found = k.get("version").asInt() == 2;
            }
        }
        assertThat(found).as(list.toString()).isTrue();

        keys.createIfAbsent("veil/store");
        int store = keys.current("veil/store").version();
        HttpResponse<String> storeKey = call("POST", "/v1/admin/keys/veil%2Fstore/rotate", null);
        assertThat(json(storeKey).get("version").asInt()).isEqualTo(store + 1);
        assertThat(lastAudit().has("brand")).as("veil/store concerns no brand").isFalse();

        assertThat(error(call("POST", "/v1/admin/keys/acme%2Fnosuch/rotate", null), 404)).isEqualTo("unknown_key");
        assertThat(keys.keys()).noneMatch(k -> k.keyId().equals("acme/nosuch"));
        assertThat(error(call("POST", "/v1/admin/keys/ACME%20secret/rotate", null), 400)).isEqualTo("invalid_key_id");
    }
}
