package dev.veil.gateway.core;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.expert.ExpertService;
import dev.veil.gateway.expert.ExpertTiers;
import dev.veil.gateway.intake.Audit;
import dev.veil.gateway.intake.DetokenizeService;
import dev.veil.gateway.intake.EventService;
import dev.veil.gateway.intake.IntakeService;
import dev.veil.gateway.intake.OutboxDeliverer;
import dev.veil.gateway.intake.ReplyTransport;
import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.routing.RoutingStore;
import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.store.InMemoryRoutingStore;
import dev.veil.gateway.routing.store.MvRoutingStore;
import dev.veil.gateway.store.CaseStates;
import dev.veil.gateway.store.IdempotencyStore;
import dev.veil.gateway.store.InMemoryCaseStates;
import dev.veil.gateway.store.MvCaseStates;
import dev.veil.gateway.store.PgCaseStates;
import dev.veil.gateway.store.InMemoryIdempotencyStore;
import dev.veil.gateway.store.InMemoryOutbox;
import dev.veil.gateway.store.InMemoryTicketStore;
import dev.veil.gateway.store.EmbeddedStoreFile;
import dev.veil.gateway.store.MvIdempotencyStore;
import dev.veil.gateway.store.MvOutbox;
import dev.veil.gateway.store.MvTicketStore;
import dev.veil.gateway.routing.store.PgRoutingStore;
import dev.veil.gateway.store.PgIdempotencyStore;
import dev.veil.gateway.store.PgOutbox;
import dev.veil.gateway.store.PgTicketStore;
import dev.veil.gateway.store.PgTokenStore;
import dev.veil.gateway.store.pg.PgDatabase;
import dev.veil.gateway.store.Outbox;
import dev.veil.gateway.store.RetryPolicy;
import dev.veil.gateway.store.StoreCipher;
import dev.veil.gateway.store.StoreUnavailableException;
import dev.veil.gateway.store.TicketStore;
import dev.veil.gateway.store.WebhookReplay;
import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.policy.compile.ReloadablePolicy;
import dev.veil.policy.engine.EngineLimits;
import dev.veil.policy.engine.PolicyEngine;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.vault.DurableMvStore;
import dev.veil.tokenizer.vault.InMemoryTokenStore;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.MvStoreTokenStore;
import dev.veil.tokenizer.vault.TokenStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway without HTTP: builds every store and service from a data directory (or memory), a
 * key provider, the brands' policy files and the routing settings, and closes them together.
 * Under the data directory every embedded store keeps its maps in one file, {@code veil.mv.db}
 * ({@link EmbeddedStoreFile}, which migrates the older one-file-per-store layout on first start),
 * so that a ticket's tokens, views, routing record and idempotency answer cost one commit. With a
 * {@link PgDatabase}
 * (clustered mode) every one of these lives in PostgreSQL instead; the caller owns the database
 * and closes it after the core.
 */
public final class GatewayCore implements AutoCloseable {

    /** The embedded stores' one file, or null (in memory, or PostgreSQL). */
    private final DurableMvStore file;
    private final TokenStore tokenStore;
    private final PolicyCompiler compiler;
    private final Map<String, ReloadablePolicy> policies;
    private final Brands brands;
    private final TicketStore tickets;
    private final IdempotencyStore idempotency;
    private final Outbox outbox;
    private final RoutingService routing;
    private final IntakeService intake;
    private final EventService events;
    private final DetokenizeService detokenize;
    private final ExpertService experts;
    private final WebhookReplay webhooks;
    private final CaseStates caseStates;
    private final Audit audit;

    private GatewayCore(Builder b) {
        audit = b.audit;
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            PgDatabase pg = b.database;
            Path dir = pg != null ? null : b.dataDir;
            if (dir != null) {
                file = EmbeddedStoreFile.open(dir);
                opened.add(file); // closed last, after the stores in it
            } else {
                file = null;
            }
            // an explicit token store (HashiCorp Vault KV) wins over the shared database's
            tokenStore = b.tokenStoreDecorator.apply(b.tokenStoreFactory != null ? b.tokenStoreFactory.get()
                    : pg != null ? PgTokenStore.of(pg)
                    : dir == null ? InMemoryTokenStore.of() : openTokens(file));
            opened.add(tokenStore);
            compiler = PolicyCompiler.builder().keys(b.keys).tokenStore(tokenStore).random(b.random).detectors(b.detectors).build();
            Map<String, ReloadablePolicy> byBrand = new LinkedHashMap<>();
            List<Brand> list = new ArrayList<>();
            for (BrandFile f : b.brands) {
                ReloadablePolicy policy = ReloadablePolicy.load(compiler, f.policyFile());
                if (!policy.current().brand().equals(f.name())) {
                    throw new IllegalArgumentException("brand " + f.name() + ": its policy file is written for another brand");
                }
                byBrand.put(f.name(), policy);
                list.add(Brand.of(f.name(), policy::current, f.ticketIdPointer(), f.commentsPointer()));
            }
            policies = Collections.unmodifiableMap(byBrand); // read on every intake: no copy per call
            brands = Brands.of(list);
            StoreCipher cipher = StoreCipher.of(b.keys, b.random);
            tickets = b.ticketStoreDecorator.apply(pg != null ? PgTicketStore.of(pg, cipher)
                    : dir == null ? InMemoryTicketStore.of() : MvTicketStore.of(file, cipher));
            opened.add(tickets);
            idempotency = pg != null ? PgIdempotencyStore.of(pg, b.idempotencyRetention, b.clock)
                    : dir == null ? InMemoryIdempotencyStore.of(b.idempotencyRetention, b.clock)
                    : MvIdempotencyStore.of(file, b.idempotencyRetention, b.clock);
            opened.add(idempotency);
            caseStates = pg != null ? PgCaseStates.of(pg, b.clock)
                    : dir == null ? InMemoryCaseStates.of(b.clock) : MvCaseStates.of(file, b.clock);
            opened.add(caseStates);
            outbox = pg != null ? PgOutbox.of(pg, cipher, b.retry, b.clock, b.random, b.node)
                    : dir == null ? InMemoryOutbox.of(b.retry, b.clock, b.random)
                    : MvOutbox.of(file, cipher, b.retry, b.clock, b.random);
            opened.add(outbox);
            RoutingStore routingStore = pg != null ? PgRoutingStore.of(pg, b.node, b.routingFeed)
                    : dir == null ? new InMemoryRoutingStore() : MvRoutingStore.of(file);
            opened.add(routingStore);
            routing = RoutingService.open(b.routing, routingStore, b.clock);
            PolicyEngine engine = PolicyEngine.of(b.limits);
            intake = IntakeService.of(brands, engine, tickets, routing, b.clock, b.random);
            events = EventService.of(brands, tickets, routing);
            detokenize = DetokenizeService.of(brands, b.audit, b.clock);
            webhooks = WebhookReplay.of(idempotency);
            experts = ExpertService.of(routing, tickets, brands, outbox, b.tiers, b.audit, b.clock, b.random);
        } catch (RuntimeException e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (Exception ignored) {
                    // the first failure is the one to report
                }
            }
            throw e;
        }
    }

    private static TokenStore openTokens(DurableMvStore file) {
        try {
            return MvStoreTokenStore.of(file);
        } catch (IllegalStateException e) {
            throw new StoreUnavailableException("token store: cannot open its maps (not a token store)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public IntakeService intake() { return intake; }
    public EventService events() { return events; }
    public DetokenizeService detokenize() { return detokenize; }
    public ExpertService experts() { return experts; }
    public RoutingService routing() { return routing; }
    public TicketStore tickets() { return tickets; }
    public IdempotencyStore idempotency() { return idempotency; }
    /** The latest state taken in of each out-of-order CRM record (Salesforce Cases), shared like the other stores. */
    public CaseStates caseStates() { return caseStates; }
    public Outbox outbox() { return outbox; }
    public Brands brands() { return brands; }
    /** Where reveals are recorded (the builder's {@link Builder#audit}). */
    public Audit audit() { return audit; }
    public TokenStore tokenStore() { return tokenStore; }
    /** The embedded stores' one file ({@code veil.mv.db}), if the stores live in a data directory; for operators and tests. */
    public java.util.Optional<DurableMvStore> embeddedFile() { return java.util.Optional.ofNullable(file); }
    /** The brands' policies by brand name, for reload (admin call or file watcher). */
    public Map<String, ReloadablePolicy> policies() { return policies; }

    /** A deliverer of this core's outbox through {@code transport}; the caller starts and closes it. */
    public OutboxDeliverer deliverer(ReplyTransport transport, int batch) {
        return OutboxDeliverer.of(outbox, transport, batch);
    }

    /** Time-driven work for a scheduler: routing's tick (lapsed claims, push offers), expired idempotency answers, bounded compaction. */
    public void tick() {
        routing.tick();
        idempotency.prune();
        caseStates.prune();
        if (file != null) {
            compact(file);
        }
    }

    private static void compact(DurableMvStore file) {
        try {
            file.compact(50, 1 << 20); // bounded: at most 1 MB of chunks under half full per tick
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("embedded store: compaction failed");
        }
    }

    /** Processes each webhook id once, remembering first answers in this core's idempotency store. */
    public WebhookReplay webhooks() {
        return webhooks;
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>(List.of(routing, outbox, idempotency, caseStates, tickets, tokenStore));
        if (file != null) {
            all.add(file); // after the stores whose maps it holds
        }
        RuntimeException first = null;
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                first = first == null ? new StoreUnavailableException("gateway: a store did not close cleanly (" + e.getClass().getSimpleName() + ")") : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Configures a {@link GatewayCore}; keys and routing settings are required. */
    public static final class Builder {
        private Path dataDir;
        private PgDatabase database;
        private String node = "node-1";
        private PgRoutingStore.FeedObserver routingFeed = PgRoutingStore.FeedObserver.NONE;
        private KeyProvider keys;
        private final List<BrandFile> brands = new ArrayList<>();
        private RoutingConfig routing;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();
        private DetectorRegistry detectors = DetectorRegistry.defaults();
        private EngineLimits limits = EngineLimits.defaults();
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration idempotencyRetention = Duration.ofHours(24);
        private Audit audit = e -> { };
        private ExpertTiers tiers = ExpertTiers.BASE;
        private java.util.function.UnaryOperator<TokenStore> tokenStoreDecorator = store -> store;
        private java.util.function.Supplier<TokenStore> tokenStoreFactory;
        private java.util.function.UnaryOperator<TicketStore> ticketStoreDecorator = store -> store;

        private Builder() {
        }

        /** Where the embedded stores live; without it every store is in memory (tests). */
        public Builder dataDir(Path v) { dataDir = requireNonNull(v, "dataDir"); return this; }
        /** Clustered mode: every store in this shared database (which the caller closes after the core); {@code node} names this node. */
        public Builder postgres(PgDatabase db, String nodeName) {
            database = requireNonNull(db, "db");
            node = requireNonNull(nodeName, "nodeName");
            return this;
        }
        /** Clustered mode: told when the routing change feed is lost and back (a log line, a metric). */
        public Builder routingFeed(PgRoutingStore.FeedObserver v) { routingFeed = requireNonNull(v, "routingFeed"); return this; }
        public Builder keys(KeyProvider v) { keys = requireNonNull(v, "keys"); return this; }
        public Builder brand(BrandFile v) { brands.add(requireNonNull(v, "brand")); return this; }
        public Builder routing(RoutingConfig v) { routing = requireNonNull(v, "routing"); return this; }
        public Builder clock(Clock v) { clock = requireNonNull(v, "clock"); return this; }
        public Builder random(SecureRandom v) { random = requireNonNull(v, "random"); return this; }
        public Builder detectors(DetectorRegistry v) { detectors = requireNonNull(v, "detectors"); return this; }
        public Builder limits(EngineLimits v) { limits = requireNonNull(v, "limits"); return this; }
        public Builder retry(RetryPolicy v) { retry = requireNonNull(v, "retry"); return this; }
        public Builder idempotencyRetention(Duration v) { idempotencyRetention = requireNonNull(v, "idempotencyRetention"); return this; }
        /** Where detokenize calls are recorded; by default nowhere (set it in production). */
        public Builder audit(Audit v) { audit = requireNonNull(v, "audit"); return this; }
        public Builder tiers(ExpertTiers v) { tiers = requireNonNull(v, "tiers"); return this; }
        /** Wraps the token store once opened (to time its calls, say); the wrapper must keep its contract. */
        /** Where vaulted tokens live instead of the embedded file store (HashiCorp Vault KV, say); opened at build. */
        public Builder tokenStore(java.util.function.Supplier<TokenStore> v) { tokenStoreFactory = requireNonNull(v, "tokenStore"); return this; }
        public Builder tokenStoreDecorator(java.util.function.UnaryOperator<TokenStore> v) { tokenStoreDecorator = requireNonNull(v, "tokenStoreDecorator"); return this; }
        /** Wraps the ticket store once opened; the wrapper must keep its contract. */
        public Builder ticketStoreDecorator(java.util.function.UnaryOperator<TicketStore> v) { ticketStoreDecorator = requireNonNull(v, "ticketStoreDecorator"); return this; }

        /**
         * Opens the stores and compiles the policies.
         *
         * @throws dev.veil.policy.load.PolicyException if a policy file has problems
         * @throws StoreUnavailableException if a store file cannot be opened
         */
        public GatewayCore build() {
            requireNonNull(keys, "keys");
            requireNonNull(routing, "routing");
            return new GatewayCore(this);
        }
    }
}
