package dev.veil.gateway.server;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.core.GatewayCore;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.http.Routes;
import dev.veil.gateway.ops.VeilMetrics;
import dev.veil.gateway.routing.model.QueueStat;
import dev.veil.gateway.store.Outbox;
import dev.veil.gateway.store.StoreCipher;
import dev.veil.tokenizer.vault.KeyProvider;
import java.nio.charset.StandardCharsets;

/**
 * Health and metrics: {@code /healthz} (the process answers), {@code /readyz} (the stores and the
 * key provider answer too) and, on the admin listener, {@code /metrics} in Prometheus text format.
 */
public final class OpsRoutes {

    private OpsRoutes() {}

    /** {@code /healthz} and {@code /readyz}. */
    public static Routes health(GatewayCore core, KeyProvider keys) {
        return health(core, keys, () -> {});
    }

    /** {@code /healthz} and {@code /readyz}, which also runs {@code readiness} (it throws when a dependency is down). */
    public static Routes health(GatewayCore core, KeyProvider keys, Runnable readiness) {
        requireNonNull(core, "core");
        requireNonNull(keys, "keys");
        requireNonNull(readiness, "readiness");
        return Routes.builder()
                .add("GET", "/healthz", request -> Json.answer(200, Json.object().put("status", "up")))
                .add("GET", "/readyz", request -> {
                    // each call fails (and is answered 503 by its code) when its store or the keys are down
                    readiness.run(); // HashiCorp Vault: a cached key would hide an outage
                    keys.current(StoreCipher.DEFAULT_KEY_ID);
                    Outbox.Depth depth = core.outbox().depth();
                    core.tickets().find("readyz", "readyz");
                    return Json.answer(200, Json.object().put("status", "ready").put("outboxPending", depth.pending()));
                })
                .build();
    }

    /** {@code /metrics}; refreshes the outbox and queue gauges first. */
    public static Routes metrics(GatewayCore core, VeilMetrics metrics) {
        requireNonNull(core, "core");
        requireNonNull(metrics, "metrics");
        return Routes.builder()
                .add("GET", "/metrics", request -> {
                    Outbox.Depth depth = core.outbox().depth();
                    metrics.outboxDepth(depth.pending());
                    metrics.deadLetters(depth.dead());
                    metrics.queueDepth(core.routing().queueStats().stream()
                            .filter(stat -> QueueStat.ALL.equals(stat.skill())).mapToLong(QueueStat::depth).sum());
                    return HttpResponse.of(200, metrics.contentType(), metrics.scrape().getBytes(StandardCharsets.UTF_8));
                })
                .build();
    }
}
