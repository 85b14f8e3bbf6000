package dev.veil.gateway.server;

import dev.veil.gateway.ops.JsonLog;
import dev.veil.gateway.ops.LogEvent;
import dev.veil.gateway.ops.LogField;
import dev.veil.policy.compile.ReloadablePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reloads a brand's policy when its file changes (checked every two seconds by modification time):
 * a policy that loads is swapped in atomically; one with problems is refused and the one in force
 * stays, with the problem count in the log.
 */
final class PolicyWatcher {

    private static final LogEvent RELOADED = LogEvent.of("policy_reloaded", "a brand's policy file changed and was reloaded");
    private static final LogEvent REFUSED = LogEvent.of("policy_refused", "a brand's changed policy file has problems; the policy in force stays");

    private static final LogEvent FAILED = LogEvent.of("policy_reload_failed", "a brand's changed policy file could not be reloaded; the policy in force stays");

    private final Map<String, ReloadablePolicy> policies;
    private final Map<String, FileTime> seen = new HashMap<>();
    private final JsonLog log;

    private PolicyWatcher(Map<String, ReloadablePolicy> policies, JsonLog log) {
        this.policies = policies;
        this.log = log;
        policies.forEach((brand, policy) -> seen.put(brand, modified(policy)));
    }

    /** A watcher of {@code policies} that has seen their files as they are now. */
    static PolicyWatcher of(Map<String, ReloadablePolicy> policies, JsonLog log) {
        return new PolicyWatcher(Map.copyOf(policies), log);
    }

    static void start(Map<String, ReloadablePolicy> policies, ScheduledExecutorService scheduler, JsonLog log) {
        PolicyWatcher watcher = of(policies, log);
        scheduler.scheduleWithFixedDelay(watcher::check, 2, 2, TimeUnit.SECONDS);
    }

    /** Reloads each policy whose file changed since the last look. */
    void check() {
        policies.forEach((brand, policy) -> {
            FileTime now = modified(policy);
            if (now == null || now.equals(seen.get(brand))) {
                return;
            }
            seen.put(brand, now);
            ReloadablePolicy.ReloadResult result;
            try {
                result = policy.reload();
            } catch (RuntimeException e) {
                // a scheduled task that throws is never run again: log it and keep watching
                log.error(FAILED, e, LogField.path("file", policy.file()));
                return;
            }
            if (result.applied()) {
                log.info(RELOADED, LogField.path("file", policy.file()));
            } else {
                log.warn(REFUSED, LogField.path("file", policy.file()), LogField.count("problems", result.problems().size()));
            }
        });
    }

    private static FileTime modified(ReloadablePolicy policy) {
        try {
            return Files.getLastModifiedTime(policy.file());
        } catch (IOException e) {
            return null;
        }
    }
}
