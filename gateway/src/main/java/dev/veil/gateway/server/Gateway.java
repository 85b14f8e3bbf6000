package dev.veil.gateway.server;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.auth.AdminAuthenticator;
import dev.veil.gateway.auth.DevIdentityProvider;
import dev.veil.gateway.auth.JwtVerifier;
import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.config.BrandConfig;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.console.QueueHistory;
import dev.veil.gateway.core.BrandFile;
import dev.veil.gateway.core.GatewayCore;
import dev.veil.gateway.core.PerThreadSecureRandom;
import dev.veil.gateway.http.BackgroundLines;
import dev.veil.gateway.http.HttpServer;
import dev.veil.gateway.http.JsonAccessLog;
import dev.veil.gateway.http.NettyTransport;
import dev.veil.gateway.http.RequestObserver;
import dev.veil.gateway.http.Routes;
import dev.veil.gateway.intake.Audit;
import dev.veil.gateway.intake.OutboxDeliverer;
import dev.veil.gateway.ops.AuditActor;
import dev.veil.gateway.ops.AuditLog;
import dev.veil.gateway.ops.FileAuditSink;
import dev.veil.gateway.ops.PgAuditSink;
import dev.veil.gateway.store.pg.PgDatabase;
import dev.veil.gateway.ops.JsonLog;
import dev.veil.gateway.ops.LogEvent;
import dev.veil.gateway.ops.LogField;
import dev.veil.gateway.ops.DeliveryMetrics;
import dev.veil.gateway.ops.DurabilityMetrics;
import dev.veil.gateway.ops.VeilMetrics;
import dev.veil.gateway.store.RetryPolicy;
import dev.veil.policy.engine.EngineLimits;
import dev.veil.gateway.server.admin.RewrapJob;
import dev.veil.tokenizer.vault.AesGcmWarmup;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.hashicorp.Rewrapper;
import dev.veil.gateway.upstream.UpstreamClient;
import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running gateway: the core (stores, policies, routing) behind two HTTP listeners, the public
 * API (CRMs and experts) and the admin API (operators, metrics), with the reply outbox delivering
 * in the background, routing's clock ticking and policy files reloaded when they change.
 */
public final class Gateway implements AutoCloseable {

    private static final LogEvent DEV_MODE = LogEvent.of("dev_mode",
            "DEV MODE: published example secrets, a dev identity provider and a CRM stand-in; never expose this server");
    private static final LogEvent TICK_FAILED = LogEvent.of("tick_failed", "routing's clock tick failed; the next one tries again");
    private static final LogEvent STARTED = LogEvent.of("started", "Veil is listening");
    private static final LogEvent WARMUP_FAILED = LogEvent.of("aes_gcm_warmup_failed",
            "AES-GCM did not give back what it sealed in the start-up warm-up; check the JDK");

    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration DELIVERY = Duration.ofMillis(200);
    static final int ACCESS_LOG_QUEUE = 8192;
    static final Duration QUEUE_SAMPLE = Duration.ofMinutes(1);
    /** Brands whose replies go out at the same time (each brand in its own lane: no head-of-line blocking across brands). */
    static final int DELIVERY_LANES = 4;

    private final VeilConfig config;
    private final GatewayCore core;
    private final KeyProvider keys;
    private final VaultBackends vault;
    private RewrapJob rewrapJob;
    private final HttpServer server;
    private final ScheduledExecutorService background;
    private final OutboxDeliverer deliverer;
    private final java.util.concurrent.ExecutorService lanes;
    private final FileAuditSink auditSink;
    private final PgDatabase database;
    private final BackgroundLines accessLines;
    /** The proxy routes' upstream connections, closed once the server no longer takes calls. */
    private final UpstreamClient upstream;
    private final JsonLog events;
    private final DevIdentityProvider devIdentity;
    private final Map<String, Set<String>> routes = new LinkedHashMap<>();

    private Gateway(VeilConfig config, Clock clock, PrintStream log) {
        this.config = config;
        SecureRandom random = PerThreadSecureRandom.create(); // workers never wait for each other's draws
        events = JsonLog.to(log, clock);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            // first: a transport that cannot run here stops the start before any store opens
            NettyTransport transport = NettyTransport.choose(config.server().transport());
            VeilMetrics metrics = VeilMetrics.create();
            vault = VaultBackends.open(config.keys(), metrics.registry(), clock, random).orElse(null);
            if (vault != null) {
                opened.add(vault);
            }
            keys = Metered.keys(GatewayKeys.open(config, random, vault), metrics);
            // clustered mode: one shared database for every store and the audit trail
            database = config.stores().postgres().map(PgDatabase::open).orElse(null);
            if (database != null) {
                opened.add(database);
            }
            auditSink = database == null ? FileAuditSink.open(config.data(), true) : null;
            if (auditSink != null) {
                opened.add(auditSink);
            }
            AuditLog audit = AuditLog.of(database != null ? PgAuditSink.of(database) : auditSink, clock);
            core = openCore(config, keys, clock, random, audit, metrics, vault, database, events);
            opened.add(core);
            core.embeddedFile().ifPresent(file -> file.listen(DurabilityMetrics.register(metrics, events)));
            if (config.dev()) {
                DevExperts.seed(core.routing(), config.brands().keySet(), clock);
            }
            devIdentity = config.identity().devProvider() ? DevIdentityProvider.openOrCreate(config.data(), clock) : null;
            JwtVerifier verifier = devIdentity != null ? devIdentity.verifier() : IdentityVerifiers.of(config.identity(), clock);
            AdminAuthenticator admins = adminAuthenticator(config, verifier);
            Map<String, StandardWebhooks> signers = new LinkedHashMap<>();
            Map<String, HttpReplyTransport.Target> targets = new LinkedHashMap<>();
            for (BrandConfig brand : config.brands().values()) {
                signers.put(brand.id(), StandardWebhooks.of(brand.webhookSecrets(), clock));
                if (brand.crm().kind() == dev.veil.gateway.config.CrmKind.WEBHOOK) {
                    StandardWebhooks replySigner = StandardWebhooks.of(List.of(brand.crm().secret()), clock);
                    targets.put(brand.id(), new HttpReplyTransport.Target(brand.crm().replyUrl(),
                            brand.crm().signingKey().map(replySigner::withSigningKey).orElse(replySigner)));
                }
            }
            CrmConnectors connectors = CrmConnectors.of(config, CrmConnectors.client(), clock);
            ApiRoutes api = new ApiRoutes(config, core, keys, verifier, admins, audit, devIdentity, signers, connectors, clock);
            ApiRoutes.Built built;
            if (vault == null) {
                built = api.build(metrics);
            } else {
                // a re-wrap needs both keys and tokens in Vault
                RewrapJob rewrap = vault.tokensInVault() && !config.keys().provider().equals(dev.veil.gateway.config.KeysConfig.LOCAL)
                        ? new RewrapJob(Rewrapper.of(vault.tokenStore(), keys, vault.client(), random), vault.rewrapRemaining()) : null;
                if (rewrap != null) {
                    opened.add(rewrap);
                    rewrapJob = rewrap;
                }
                built = api.build(metrics, vault.client()::checkHealth, rewrap);
            }
            upstream = built.upstream();
            opened.add(upstream);
            routes.putAll(built.routeNames());
            built.routeNames().values().forEach(metrics::allowRoutes); // requests are labelled by these patterns only
            Routes publicApi = built.publicApi();
            Routes adminApi = built.adminApi();

            accessLines = BackgroundLines.to(log, ACCESS_LOG_QUEUE); // the access log runs on event loops: never write there
            opened.add(accessLines);
            server = HttpServer.builder()
                    .listener(Listeners.settings("public", config.server().publicListener(), config), publicApi)
                    .listener(Listeners.settings("admin", config.server().admin(), config), adminApi)
                    .observer(RequestObserver.all(List.of(
                            entry -> metrics.request(entry.method() + " " + entry.route(), entry.status(), Duration.ofNanos(entry.durationNanos())),
                            JsonAccessLog.to(accessLines, clock))))
                    .statusMapper(ErrorStatus.mapper())
                    .transport(transport)
                    .build()
                    .start();
            opened.add(server);

            background = Executors.newScheduledThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "veil-background");
                thread.setDaemon(true);
                return thread;
            });
            lanes = Executors.newFixedThreadPool(DELIVERY_LANES, runnable -> {
                Thread thread = new Thread(runnable, "veil-outbox-lane");
                thread.setDaemon(true);
                return thread;
            });
            Map<String, String> crmKinds = new LinkedHashMap<>();
            config.brands().values().forEach(brand -> crmKinds.put(brand.id(), brand.crm().kind().yamlName()));
            DeliveryMetrics deliveries = DeliveryMetrics.register(metrics, crmKinds, clock, core.outbox()::depthByBrand);
            deliverer = core.deliverer(CrmReplies.transport(connectors, HttpReplyTransport.of(targets, clock), clock, deliveries), 32)
                    .withLanes(lanes).withObserver(deliveries);
            // the first minute's tickets would otherwise seal their records with the JDK's AES-GCM not yet compiled
            background.execute(() -> {
                try {
                    AesGcmWarmup.run(AesGcmWarmup.ROUNDS);
                } catch (RuntimeException e) {
                    events.error(WARMUP_FAILED, e);
                }
            });
            deliverer.start(background, DELIVERY);
            background.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
            PolicyWatcher.start(core.policies(), background, events);
            background.scheduleAtFixedRate(sampling(built.queueHistory()), 0, QUEUE_SAMPLE.toMillis(), TimeUnit.MILLISECONDS);

            if (config.dev()) {
                events.warn(DEV_MODE, LogField.path("data", config.data()));
            }
            events.info(STARTED, LogField.address("public", server.address("public")),
                    LogField.address("admin", server.address("admin")), LogField.count("brands", config.brands().size()),
                    LogField.code("transport", transport.yamlName()));
        } catch (IOException e) {
            closeAll(opened);
            throw new StartupException("audit_unavailable", "data directory " + config.data()
                    + ": cannot open the audit log (" + e.getClass().getSimpleName() + ")");
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** Starts the gateway described by {@code config}; logs (JSON lines, never PII) go to {@code log}. */
    public static Gateway start(VeilConfig config, Clock clock, PrintStream log) {
        return new Gateway(requireNonNull(config, "config"), requireNonNull(clock, "clock"), requireNonNull(log, "log"));
    }

    private static GatewayCore openCore(VeilConfig config, KeyProvider keys, Clock clock, SecureRandom random, AuditLog audit,
            VeilMetrics metrics, VaultBackends vault, PgDatabase database, JsonLog events) {
        GatewayCore.Builder builder = GatewayCore.builder();
        if (vault != null && vault.tokensInVault()) {
            builder.tokenStore(vault::tokenStore);
        }
        builder
                .tokenStoreDecorator(store -> Metered.tokens(store, metrics))
                .ticketStoreDecorator(store -> Metered.tickets(store, metrics))
                .dataDir(config.data())
                .keys(keys)
                .routing(config.routing())
                .clock(clock)
                .random(random)
                .limits(new EngineLimits((int) Math.min(Integer.MAX_VALUE - 1, config.limits().maxBodyBytes()),
                        config.limits().maxJsonDepth(), config.limits().maxStringLength()))
                .retry(new RetryPolicy(config.outbox().initialBackoff(), config.outbox().maxBackoff(),
                        config.outbox().maxAttempts(), RetryPolicy.defaults().lease()))
                .audit(event -> audit.record(
                        Audit.REPLY_REVEAL.equals(event.action()) || Audit.PROXY_REVEAL.equals(event.action())
                                ? AuditActor.expert(event.actor()) : AuditActor.crm(event.brand()),
                        event.action(), event.brand(), event.ticket(),
                        event.tokens(), event.revealed() > 0 ? AuditLog.Outcome.ALLOWED : AuditLog.Outcome.DENIED));
        if (database != null) {
            builder.postgres(database, config.stores().node()).routingFeed(RoutingFeedHealth.of(metrics.registry(), events));
        }
        for (BrandConfig brand : config.brands().values()) {
            builder.brand(new BrandFile(brand.id(), brand.policy(), brand.crm().ticketId(), brand.crm().comments()));
        }
        return builder.build();
    }

    private static AdminAuthenticator adminAuthenticator(VeilConfig config, JwtVerifier verifier) {
        AdminAuthenticator.Builder builder = AdminAuthenticator.builder();
        config.admin().tokenSha256().ifPresent(builder::tokenSha256);
        config.admin().adminScope().ifPresent(scope -> builder.jwt(verifier, scope));
        return builder.build();
    }

    private Runnable sampling(QueueHistory history) {
        return () -> {
            try {
                history.sample();
            } catch (RuntimeException e) {
                events.error(TICK_FAILED, e); // the chart misses a point; the next minute samples again
            }
        };
    }

    private void tick() {
        try {
            core.tick();
        } catch (RuntimeException e) {
            // the next tick tries again; a store that stays down also shows in /readyz
            events.error(TICK_FAILED, e);
        }
    }

    /** The configuration in force. */
    public VeilConfig config() {
        return config;
    }

    /** The core, for tests and the admin API. */
    public GatewayCore core() {
        return core;
    }

    /** The key provider. */
    public KeyProvider keys() {
        return keys;
    }

    /** The HashiCorp Vault backends, when {@code keys} uses Vault. */
    public java.util.Optional<VaultBackends> vault() {
        return java.util.Optional.ofNullable(vault);
    }

    /** The port a listener ({@code public} or {@code admin}) is bound to. */
    public int port(String listener) {
        return server.port(listener);
    }

    /** Every route as {@code METHOD /pattern}, by listener. */
    public Map<String, Set<String>> routes() {
        return Map.copyOf(routes);
    }

    /** The dev identity provider, when dev mode runs one. */
    public java.util.Optional<DevIdentityProvider> devIdentity() {
        return java.util.Optional.ofNullable(devIdentity);
    }

    /** Stops taking requests, lets answered ones finish, then closes the stores. */
    @Override
    public void close() {
        server.stop(Duration.ofSeconds(5));
        deliverer.close();
        background.shutdownNow();
        lanes.shutdownNow();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // closed last to first: Vault and the database after the core, whose stores use them
        List<AutoCloseable> closing = new ArrayList<>();
        if (vault != null) {
            closing.add(vault);
        }
        if (database != null) {
            closing.add(database);
        }
        closing.add(core);
        if (auditSink != null) {
            closing.add(auditSink);
        }
        closing.add(accessLines);
        closing.add(upstream);
        if (rewrapJob != null) {
            closing.add(rewrapJob);
        }
        closeAll(closing);
    }

    private static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception ignored) {
                // the first failure is the one to report
            }
        }
    }
}
