package dev.veil.gateway.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.auth.AdminAuthenticator;
import dev.veil.gateway.auth.DevIdentityProvider;
import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.http.JsonBodies;
import dev.veil.gateway.http.Routes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Routes that exist in dev mode only: the dev identity provider's JWKS (public listener) and a CRM
 * stand-in (admin listener) that receives signed replies as a brand's CRM would and lists the last
 * {@value #KEPT} of them to an admin. Replies carry revealed values, so the list is admin-only.
 */
public final class DevRoutes {

    static final int KEPT = 50;

    private DevRoutes() {}

    /** {@code GET /.well-known/jwks.json}: the dev identity provider's public keys. */
    public static Routes jwks(DevIdentityProvider identity) {
        byte[] jwks = requireNonNull(identity, "identity").jwksJson().getBytes(StandardCharsets.UTF_8);
        return Routes.builder().add("GET", "/.well-known/jwks.json", request -> HttpResponse.json(200, jwks)).build();
    }

    /** {@code POST /dev/crm/replies} (signed with {@code crmSigner}'s secret) and {@code GET /dev/crm/replies} (admin). */
    public static Routes crmStandIn(StandardWebhooks crmSigner, AdminAuthenticator admins) {
        requireNonNull(crmSigner, "crmSigner");
        Deque<JsonNode> received = new ArrayDeque<>();
        Routes listing = Routes.builder()
                .add("GET", "/dev/crm/replies", request -> {
                    ArrayNode list = Json.MAPPER.createArrayNode();
                    synchronized (received) {
                        received.forEach(list::add);
                    }
                    ObjectNode body = Json.object();
                    body.set("replies", list);
                    return Json.answer(200, body);
                })
                .build();
        return Routes.builder()
                .add("POST", "/dev/crm/replies", request -> {
                    String id = verify(crmSigner, request);
                    ObjectNode entry = Json.object().put("webhookId", id);
                    entry.set("reply", JsonBodies.defaults().read(request));
                    synchronized (received) {
                        received.removeIf(e -> e.path("webhookId").asText().equals(id)); // a retry replaces, as a CRM dedupes
                        received.addLast(entry);
                        while (received.size() > KEPT) {
                            received.removeFirst();
                        }
                    }
                    return HttpResponse.noContent();
                })
                .addAll(listing, Principals.admins(requireNonNull(admins, "admins")))
                .build();
    }

    private static String verify(StandardWebhooks signer, HttpRequest request) {
        return signer.verify(
                request.header(StandardWebhooks.ID_HEADER).orElse(null),
                request.header(StandardWebhooks.TIMESTAMP_HEADER).orElse(null),
                request.header(StandardWebhooks.SIGNATURE_HEADER).orElse(null),
                request.body()).id();
    }
}
