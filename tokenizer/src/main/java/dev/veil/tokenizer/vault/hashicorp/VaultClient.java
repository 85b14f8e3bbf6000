package dev.veil.tokenizer.vault.hashicorp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.jopenlibs.vault.response.AuthResponse;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.github.jopenlibs.vault.response.LookupResponse;
import io.github.jopenlibs.vault.rest.RestResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way Veil calls HashiCorp Vault, through the Vault Java driver: logs in (token, AppRole,
 * Kubernetes), renews the token before it expires and logs in again after a 403; bounds every call
 * by a timeout, retries failures that may pass (429, 5xx, sealed, timeouts, resets) a bounded
 * number of times with exponential backoff and jitter, and keeps a {@link CircuitBreaker} that
 * stops calling a Vault that keeps failing. Every failure is reported to the {@link Listener} by
 * kind and thrown as {@link VaultUnavailableException}; a 400 is a {@link VaultRejectedException};
 * a 404 is an empty answer. Thread-safe.
 */
public final class VaultClient implements AutoCloseable {

    /** Told about every call's outcome, for metrics. */
    public interface Listener {
        /** A call (one attempt) failed with {@code kind}. */
        void failure(VaultFailure kind);

        /** A call went through; {@code took} is its latency. */
        default void success(Duration took) {}

        /** Listens to nothing. */
        Listener NONE = kind -> {};
    }

    private static final Duration UNKNOWN_RETRY_AFTER = Duration.ofSeconds(1);

    private final VaultSettings settings;
    private final Clock clock;
    private final Listener listener;
    private final CircuitBreaker breaker;
    private final HttpClient http;
    private final ExecutorService calls;
    private final Semaphore inFlight;
    private final Object loginLock = new Object();
    private volatile Session session;
    private volatile boolean closed;

    /** A logged-in token and when to renew it; {@code expiresAt} is {@link Instant#MAX} for tokens without a TTL. */
    private record Session(Vault vault, Instant renewAt, Instant expiresAt, boolean renewable) {}

    private VaultClient(VaultSettings settings, Clock clock, Listener listener) {
        this.settings = requireNonNull(settings, "settings");
        this.clock = requireNonNull(clock, "clock");
        this.listener = requireNonNull(listener, "listener");
        this.breaker = new CircuitBreaker(settings.breakerFailures(), settings.breakerOpenFor(), clock);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout()).build();
        this.calls = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "veil-vault-call");
            thread.setDaemon(true);
            return thread;
        });
        this.inFlight = new Semaphore(settings.maxConcurrent());
    }

    /** A client for {@code settings}; logs in on first use, not here, so that start-up can report Vault's state by kind. */
    public static VaultClient open(VaultSettings settings, Clock clock, Listener listener) {
        return new VaultClient(settings, clock, listener);
    }

    /** The settings in force. */
    public VaultSettings settings() {
        return settings;
    }

    /** The circuit breaker's state now. */
    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    /** {@code GET /v1/<path>}: the whole response body, or empty on 404. */
    public Optional<JsonObject> read(String path, String operation) {
        return call(operation, vault -> {
            try {
                return Optional.of(body(vault.logical().read(path)));
            } catch (VaultException e) {
                if (e.getHttpStatusCode() == 404) {
                    return Optional.<JsonObject>empty();
                }
                throw e;
            }
        });
    }

    /** {@code POST /v1/<path>} with {@code body} as JSON: the response body (empty for 204). */
    public JsonObject write(String path, JsonObject body, String operation) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (JsonObject.Member member : body) {
            fields.put(member.getName(), member.getValue());
        }
        return call(operation, vault -> body(vault.logical().write(path, fields)));
    }

    /** {@code LIST /v1/<path>}: the keys, or empty on 404. */
    public List<String> list(String path, String operation) {
        return call(operation, vault -> {
            try {
                JsonValue data = body(vault.logical().list(path)).get("data");
                if (data == null || !data.isObject() || data.asObject().get("keys") == null) {
                    return List.<String>of();
                }
                return data.asObject().get("keys").asArray().values().stream().map(JsonValue::asString).toList();
            } catch (VaultException e) {
                if (e.getHttpStatusCode() == 404) {
                    return List.<String>of();
                }
                throw e;
            }
        });
    }

    /** {@code DELETE /v1/<path>}; deleting what is not there is no error. */
    public void delete(String path, String operation) {
        call(operation, vault -> {
            try {
                vault.logical().delete(path);
            } catch (VaultException e) {
                if (e.getHttpStatusCode() != 404) {
                    throw e;
                }
            }
            return Boolean.TRUE;
        });
    }

    /**
     * Checks that Vault serves Veil now ({@code GET /v1/sys/health} through the breaker): returns
     * normally, or throws {@link VaultUnavailableException} naming why not.
     */
    public void checkHealth() {
        call("health", vault -> body(vault.logical().read("sys/health")));
    }

    /** How long a refused caller should wait: the breaker's remaining open time, else a second. */
    public Duration retryAfter() {
        Duration left = breaker.remainingOpen();
        return left.isZero() ? UNKNOWN_RETRY_AFTER : left;
    }

    @Override
    public void close() {
        closed = true;
        calls.shutdownNow();
    }

    // ---- the resilience pipeline ------------------------------------------------------------

    @FunctionalInterface
    private interface DriverCall<T> {
        T run(Vault vault) throws VaultException;
    }

    /** One failed attempt, classified. */
    private static final class Failed extends Exception {
        final VaultFailure kind;
        final int status;

        Failed(VaultFailure kind, int status) {
            super(null, null, false, false);
            this.kind = kind;
            this.status = status;
        }
    }

    private <T> T call(String operation, DriverCall<T> work) {
        requireNonNull(operation, "operation");
        if (closed) {
            throw new IllegalStateException("vault client closed");
        }
        if (!inFlight.tryAcquire()) {
            listener.failure(VaultFailure.OVERLOADED);
            throw new VaultUnavailableException(VaultFailure.OVERLOADED, operation, UNKNOWN_RETRY_AFTER);
        }
        try {
            Failed last = null;
            boolean loggedInAgain = false;
            for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
                if (attempt > 0) {
                    pause(attempt);
                }
                if (!breaker.tryAcquire()) {
                    VaultFailure kind = last != null ? last.kind : VaultFailure.CIRCUIT_OPEN;
                    if (last == null) {
                        listener.failure(VaultFailure.CIRCUIT_OPEN);
                    }
                    throw new VaultUnavailableException(kind, operation, retryAfter());
                }
                long start = System.nanoTime();
                try {
                    T result = timed(vault -> work.run(vault), true);
                    breaker.onSuccess();
                    listener.success(Duration.ofNanos(System.nanoTime() - start));
                    return result;
                } catch (Failed failed) {
                    if (failed.kind == VaultFailure.PERMISSION_DENIED && settings.auth().canLogIn() && !loggedInAgain) {
                        // an expired or revoked token: log in again once and repeat this attempt
                        loggedInAgain = true;
                        session = null;
                        breaker.onAbandoned();
                        attempt--;
                        continue;
                    }
                    breaker.onFailure();
                    listener.failure(failed.kind);
                    last = failed;
                    if (!retryable(failed.kind)) {
                        break;
                    }
                } catch (RejectedOrMissing answered) {
                    breaker.onSuccess(); // Vault answered: it is up
                    throw answered.exception;
                }
            }
            throw new VaultUnavailableException(last.kind, operation, retryAfter());
        } finally {
            inFlight.release();
        }
    }

    /** Carries a 400 out of an attempt, past the retry loop. */
    private static final class RejectedOrMissing extends Exception {
        final VaultRejectedException exception;

        RejectedOrMissing(VaultRejectedException exception) {
            super(null, null, false, false);
            this.exception = exception;
        }
    }

    private static boolean retryable(VaultFailure kind) {
        return switch (kind) {
            case RATE_LIMITED, SERVER_ERROR, TIMEOUT, UNREACHABLE, SEALED -> true;
            default -> false;
        };
    }

    private void pause(int attempt) {
        long base = settings.initialBackoff().toMillis() << Math.min(attempt - 1, 16);
        long cap = Math.min(base, settings.maxBackoff().toMillis());
        long millis = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1); // jitter, so that nodes do not retry in step
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultUnavailableException(VaultFailure.TIMEOUT, "retry", retryAfter());
        }
    }

    /** One attempt: a live session, then the call, bounded by the timeout. */
    private <T> T timed(DriverCall<T> work, boolean authenticated) throws Failed, RejectedOrMissing {
        Session current = authenticated ? session() : null;
        Vault vault = current != null ? current.vault() : driver(null);
        Future<T> future = calls.submit(() -> work.run(vault));
        try {
            return future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Failed(VaultFailure.TIMEOUT, 0);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failed(VaultFailure.TIMEOUT, 0);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof VaultException vaultException) {
                classify(vaultException);
            }
            if (cause instanceof VaultRejectedException rejected) {
                throw new RejectedOrMissing(rejected);
            }
            if (cause instanceof VaultUnavailableException) {
                throw new Failed(((VaultUnavailableException) cause).kind(), 0);
            }
            throw new Failed(VaultFailure.BAD_RESPONSE, 0);
        }
    }

    /** Throws the classified form of a driver exception; the driver's message (it may quote a body) is read here and dropped. */
    private static void classify(VaultException e) throws Failed, RejectedOrMissing {
        int status = e.getHttpStatusCode();
        String message = String.valueOf(e.getMessage());
        if (status == 400) {
            VaultRejectedException.Reason reason = message.contains("check-and-set") ? VaultRejectedException.Reason.CHECK_AND_SET
                    : message.contains("disallowed by policy") ? VaultRejectedException.Reason.VERSION_RETIRED
                    : VaultRejectedException.Reason.OTHER;
            throw new RejectedOrMissing(new VaultRejectedException(reason, "request"));
        }
        if (status == 403) {
            throw new Failed(VaultFailure.PERMISSION_DENIED, status);
        }
        if (status == 429) {
            throw new Failed(VaultFailure.RATE_LIMITED, status);
        }
        if (status == 503 && message.contains("sealed")) {
            throw new Failed(VaultFailure.SEALED, status);
        }
        if (status >= 500) {
            throw new Failed(VaultFailure.SERVER_ERROR, status);
        }
        if (status == 0) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof HttpTimeoutException) {
                    throw new Failed(VaultFailure.TIMEOUT, 0);
                }
            }
            throw new Failed(VaultFailure.UNREACHABLE, 0);
        }
        throw new Failed(VaultFailure.BAD_RESPONSE, status);
    }

    private static JsonObject body(LogicalResponse response) throws VaultException {
        RestResponse rest = response.getRestResponse();
        byte[] bytes = rest == null ? null : rest.getBody();
        if (rest != null && rest.getStatus() >= 300) {
            // some driver paths hand back error answers (a 404 read) instead of throwing
            throw new VaultException(bytes == null ? "" : new String(bytes, UTF_8), rest.getStatus());
        }
        if (bytes == null || bytes.length == 0) {
            return new JsonObject();
        }
        try {
            JsonValue value = Json.parse(new String(bytes, UTF_8));
            if (!value.isObject()) {
                throw new VaultException("not a JSON object", 502);
            }
            return value.asObject();
        } catch (RuntimeException e) {
            throw new VaultException("unreadable response", 502);
        }
    }

    // ---- login and renewal ------------------------------------------------------------------

    private Vault driver(String token) {
        try {
            VaultConfig config = new VaultConfig()
                    .address(trimmed(settings.address().toString()))
                    .engineVersion(1) // paths are written out in full (KV v2's data/ and metadata/ included)
                    .httpClient(http)
                    .openTimeout(seconds(settings.timeout()))
                    .readTimeout(seconds(settings.timeout()));
            if (token != null) {
                config.token(token);
            }
            if (settings.namespace().isPresent()) {
                config.nameSpace(settings.namespace().get());
            }
            return Vault.create(config.build()).withRetries(0, 0); // retries are ours, with backoff and the breaker
        } catch (VaultException e) {
            throw new IllegalArgumentException("vault: invalid driver configuration");
        }
    }

    private static String trimmed(String address) {
        return address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, (d.toMillis() + 999) / 1000);
    }

    /** The session to call with: logs in when there is none, renews or logs in again when due. */
    private Session session() throws Failed, RejectedOrMissing {
        Session current = session;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.renewAt())) {
            return current;
        }
        synchronized (loginLock) {
            current = session;
            now = clock.instant();
            if (current != null && now.isBefore(current.renewAt())) {
                return current;
            }
            if (current != null && current.renewable()) {
                try {
                    Session renewed = renew(current);
                    session = renewed;
                    return renewed;
                } catch (Failed failed) {
                    if (now.isBefore(current.expiresAt())) {
                        return current; // still valid: keep it, the next call tries again
                    }
                    if (!settings.auth().canLogIn()) {
                        throw failed;
                    }
                }
            } else if (current != null && now.isBefore(current.expiresAt()) && !settings.auth().canLogIn()) {
                return current;
            }
            Session fresh;
            try {
                fresh = logIn();
            } catch (RejectedOrMissing refused) {
                // Vault refused the credentials (400 "invalid role or secret ID"): Veil may not in, as with a 403
                throw new Failed(VaultFailure.PERMISSION_DENIED, 400);
            }
            session = fresh;
            return fresh;
        }
    }

    private Session logIn() throws Failed, RejectedOrMissing {
        VaultAuth auth = settings.auth();
        if (auth instanceof VaultAuth.Token token) {
            Vault vault = driver(token.token());
            LookupResponse lookup = timed(v -> vault.auth().lookupSelf(), false);
            return session(vault, lookup.getTTL(), lookup.isRenewable());
        }
        AuthResponse login;
        if (auth instanceof VaultAuth.AppRole appRole) {
            login = timed(v -> v.auth().loginByAppRole(appRole.mount(), appRole.roleId(), appRole.secretId()), false);
        } else {
            VaultAuth.Kubernetes kubernetes = (VaultAuth.Kubernetes) auth;
            String jwt;
            try {
                jwt = Files.readString(kubernetes.jwtFile(), UTF_8).strip();
            } catch (IOException e) {
                throw new Failed(VaultFailure.PERMISSION_DENIED, 0);
            }
            login = timed(v -> v.auth().loginByKubernetes(kubernetes.role(), jwt, "auth/" + kubernetes.mount()), false);
        }
        String token = login.getAuthClientToken();
        if (token == null || token.isEmpty()) {
            throw new Failed(VaultFailure.BAD_RESPONSE, 0);
        }
        return session(driver(token), login.getAuthLeaseDuration(), login.isAuthRenewable());
    }

    private Session renew(Session current) throws Failed, RejectedOrMissing {
        AuthResponse renewed = timed(v -> current.vault().auth().renewSelf(), false);
        return new Session(current.vault(), renewAt(renewed.getAuthLeaseDuration()), expiresAt(renewed.getAuthLeaseDuration()),
                renewed.isAuthRenewable());
    }

    private Session session(Vault vault, long ttlSeconds, boolean renewable) {
        return new Session(vault, renewAt(ttlSeconds), expiresAt(ttlSeconds), renewable);
    }

    /** Renew when two thirds of the TTL have passed, so that a slow Vault still leaves time. */
    private Instant renewAt(long ttlSeconds) {
        return ttlSeconds <= 0 ? Instant.MAX : clock.instant().plusMillis(ttlSeconds * 1000 * 2 / 3);
    }

    private Instant expiresAt(long ttlSeconds) {
        return ttlSeconds <= 0 ? Instant.MAX : clock.instant().plusSeconds(ttlSeconds);
    }
}
