package dev.veil.gateway.server.admin;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lists keys and rotates one. The key id is one path segment with its slash percent-encoded
 * ({@code /v1/admin/keys/acme%2Fcard/rotate}). Only existing keys rotate, so a mistyped id never
 * creates a key; answers carry ids and version numbers, never key material.
 */
final class KeyHandlers {

    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,127}");

    private final AdminContext ctx;

    KeyHandlers(AdminContext ctx) {
        this.ctx = requireNonNull(ctx, "ctx");
    }

    /** {@code GET /v1/admin/keys}: every key with its newest version. */
    HttpResponse list(HttpRequest request) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (KeyProvider.KeyInfo k : ctx.keys().keys()) {
            out.add(Map.of("keyId", k.keyId(), "version", k.currentVersion()));
        }
        return HttpResponse.json(200, Map.of("keys", out));
    }

    /** {@code POST /v1/admin/keys/{keyId}/rotate}: adds a version and makes it current; tokens made before still resolve. */
    HttpResponse rotate(HttpRequest request) {
        String keyId = request.pathParam("keyId");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw AdminErrors.badRequest(AdminErrors.INVALID_KEY_ID, "keyId: not valid (expected: <brand>/<profile> such as acme/card, slash sent as %2F)");
        }
        int slash = keyId.indexOf('/');
        // a brand's keys are <brand>/<profile>; others (veil/store) concern no brand
        if (slash > 0 && ctx.core().brands().find(keyId.substring(0, slash)).isPresent()) {
            AdminAudit.brand(request, keyId.substring(0, slash));
        }
        KeyProvider.KeyInfo before = ctx.keys().keys().stream()
                .filter(k -> k.keyId().equals(keyId)).findFirst()
                .orElseThrow(() -> AdminErrors.notFound(AdminErrors.UNKNOWN_KEY, "no such key; keys are created by veil keys init or create"));
        KeyVersion rotated = ctx.keys().rotate(keyId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("keyId", keyId);
        out.put("previousVersion", before.currentVersion());
        out.put("version", rotated.version());
        return HttpResponse.json(200, out);
    }
}
