package dev.veil.gateway.core;

import dev.veil.gateway.routing.model.ExpertProfile;
import dev.veil.gateway.routing.config.AttributeMapping;
import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.config.RoutingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The example brands (acme on Zendesk, globex on Salesforce, initech on Freshdesk) as the core's tests configure them. */
public final class CoreFixtures {

    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    public static final List<String> BRANDS = List.of("acme", "globex", "initech");

    private CoreFixtures() {
    }

    /** The repository's {@code examples/} directory, found above the working directory. */
    public static Path examples() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve("examples/policies"))) {
                return at.resolve("examples");
            }
        }
        throw new IllegalStateException("no examples/ above the working directory");
    }

    public static byte[] ticket(String name) {
        try {
            return Files.readAllBytes(examples().resolve("tickets").resolve(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The brand and example ticket files of each CRM shape, English and Spanish. */
    public static final Map<String, String> TICKET_BRANDS = Map.of(
            "zendesk-en", "acme", "zendesk-es", "acme",
            "salesforce-en", "globex", "salesforce-es", "globex",
            "freshdesk-en", "initech", "freshdesk-es", "initech");

    public static BrandFile brand(String name) {
        Path policies = examples().resolve("policies");
        return switch (name) {
            case "acme" -> new BrandFile("acme", policies.resolve("acme.yaml"), "/ticket/id", "/ticket/comments");
            case "globex" -> new BrandFile("globex", policies.resolve("globex.yaml"), "/Id", "/CaseComments/records");
            case "initech" -> new BrandFile("initech", policies.resolve("initech.yaml"), "/id", "/conversations");
            default -> throw new IllegalArgumentException(name);
        };
    }

    public static RoutingConfig routing() {
        Map<String, Integer> priorities = Map.of("low", 1, "normal", 3, "medium", 3, "high", 6, "urgent", 9);
        RoutingSettings.Builder base = RoutingSettings.builder().widening(List.of()).basePayMinor(500);
        return RoutingConfig.of(Map.of(
                "acme", base.attributes(new AttributeMapping("/requester/locale", "en", "/ticket/priority", priorities, 3,
                        "/channel", "email", "/ticket/tags", Map.of())).build(),
                "globex", base.attributes(new AttributeMapping("/language", "en", "/Priority", priorities, 3,
                        "/channel", "email", "/tags", Map.of())).build(),
                "initech", base.attributes(new AttributeMapping("/language", "en", "/priority", priorities, 3,
                        "/channel", "email", "/tags", Map.of())).build()));
    }

    /** A core on the example brands; in memory unless {@code dataDir} is given. */
    public static GatewayCore.Builder core(Path dataDir, dev.veil.tokenizer.vault.KeyProvider keys, Clock clock) {
        GatewayCore.Builder b = GatewayCore.builder().keys(keys).routing(routing()).clock(clock);
        BRANDS.forEach(name -> b.brand(brand(name)));
        return dataDir == null ? b : b.dataDir(dataDir);
    }

    /**
     * Creates every key a core on the example brands needs (the brands' policy keys and the store
     * key), as an operator would with {@code veil keys init --policy} and {@code veil keys create veil/store}.
     */
    public static void createKeys(dev.veil.tokenizer.vault.KeyProvider keys) {
        java.security.SecureRandom random = new java.security.SecureRandom();
        dev.veil.policy.load.PolicyLoader loader = dev.veil.policy.compile.PolicyCompiler.builder()
                .keys(new dev.veil.gateway.cli.EphemeralKeyProvider(random)).tokenStore(dev.veil.tokenizer.vault.InMemoryTokenStore.of())
                .random(random).detectors(dev.veil.tokenizer.detect.DetectorRegistry.defaults()).build().loader();
        keys.createIfAbsent(dev.veil.gateway.store.StoreCipher.DEFAULT_KEY_ID);
        for (String name : BRANDS) {
            dev.veil.policy.compile.PolicyKeys.required(loader.load(brand(name).policyFile())).forEach(keys::createIfAbsent);
        }
    }

    /** An expert certified for every example brand until next year, speaking English and Spanish. */
    public static ExpertProfile expert(String id, int capacity) {
        ExpertProfile.Builder b = ExpertProfile.builder(id).language("en").language("es").capacity(capacity);
        BRANDS.forEach(brand -> b.certify(brand, START.plusSeconds(365L * 24 * 3600)));
        return b.build();
    }

    /**
     * The personal data seeded in the example tickets that no expert view, stored byte or error
     * message may hold: names, emails, phone numbers, card numbers, SSN, NIE, birth dates, streets.
     */
    public static final List<String> SEEDED_PII = List.of(
            "Dana Whitfield", "dana.whitfield@example.com", "+1 415 555 0132", "123-45-6789", "4111111111111111",
            "742 Evergreen Terrace",
            "Lucía Fernández Ruiz", "lucia.fernandez@example.es", "+34 612 345 678", "5555 5555 5555 4444",
            "Calle de Alcalá 123",
            "Marcus Chen", "marcus.chen@example.com", "(415) 555-0178", "+1 415 555 0178", "1979-11-02", "221 Baker Street",
            "5555555555554444",
            "Javier Moreno Gil", "javier.moreno@example.es", "1990-06-21", "Avenida de la Constitución 45", "X1234567L",
            "Sam Okafor", "sam.okafor@example.co.uk", "sam.okafor@example.com", "+44 7700 900123",
            "Carmen Ortega López", "carmen.ortega@example.es", "+34 699 123 456", "+34 954 123 456");

    /** The seeded values found in {@code text}. */
    public static List<String> leaks(String text) {
        return SEEDED_PII.stream().filter(text::contains).toList();
    }

    /** The seeded values found in any file under {@code dir}, as UTF-8 (or Latin-1) bytes. */
    public static List<String> leaksInFiles(Path dir) throws IOException {
        List<Path> files;
        try (var walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        java.util.Set<String> found = new java.util.TreeSet<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            String utf8 = new String(bytes, StandardCharsets.UTF_8);
            String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
            for (String v : SEEDED_PII) {
                if (utf8.contains(v) || latin1.contains(v)) {
                    found.add(v + " in " + f.getFileName());
                }
            }
        }
        return List.copyOf(found);
    }
}
