package dev.veil.gateway.routing.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the routing parts of {@code veil.yaml}: the top-level {@code routing:} section and each
 * {@code brands.<brand>.routing:} section. Other keys of a brand belong to other parts of Veil
 * and are left alone; inside the routing sections an unknown key or a bad value is an error
 * naming its key path.
 */
public final class RoutingConfigLoader {

    static final Pattern BRAND_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    static final Pattern SKILL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    static final Pattern EXPERT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final Set<String> GLOBAL_KEYS =
            Set.of("ratingWindow", "qualityWindow", "statsWindow", "resolvedRetention");
    private static final Set<String> BRAND_KEYS = Set.of("mode", "minRating", "minRatings", "minQuality",
            "minQualityReviews", "hysteresis", "claimTtl", "reofferCooldown", "offerTimeout",
            "newExpertShare", "priorityWeight", "handpickedWindow", "handpicked", "removed", "basePay",
            "currency", "reopenWindow", "surge", "widening", "attributes");
    private static final Set<String> SURGE_KEYS = Set.of("queueDepthAtLeast", "oldestWaitAtLeast", "multiplier");
    private static final Set<String> WIDENING_KEYS = Set.of("after", "dropPreferredSkills", "lowerLevelsBy");
    private static final Set<String> ATTRIBUTE_KEYS = Set.of("language", "defaultLanguage", "priority",
            "priorities", "defaultPriority", "channel", "defaultChannel", "tags", "skills");
    private static final Set<String> TAG_KEYS = Set.of("required", "preferred");

    private RoutingConfigLoader() {
    }

    /** Reads {@code veil.yaml} from a file. */
    public static RoutingConfig load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** Reads {@code veil.yaml} text. */
    public static RoutingConfig parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new RoutingConfigException("veil.yaml", "not valid YAML" + where);
        }
        return fromTree(root == null ? MissingNode.getInstance() : root);
    }

    /** Reads an already parsed {@code veil.yaml} tree. */
    public static RoutingConfig fromTree(JsonNode root) {
        if (root.isMissingNode() || root.isNull()) {
            return RoutingConfig.of(Map.of());
        }
        requireObject(root, "veil.yaml");
        RoutingConfig defaults = RoutingConfig.of(Map.of());
        JsonNode global = root.path("routing");
        int ratingWindow = defaults.ratingWindow();
        int qualityWindow = defaults.qualityWindow();
        Duration statsWindow = defaults.statsWindow();
        Duration resolvedRetention = defaults.resolvedRetention();
        if (!global.isMissingNode()) {
            requireObject(global, "routing");
            checkKeys(global, "routing", GLOBAL_KEYS);
            ratingWindow = intOr(global, "routing", "ratingWindow", ratingWindow, 1, 1_000);
            qualityWindow = intOr(global, "routing", "qualityWindow", qualityWindow, 1, 1_000);
            statsWindow = durationOr(global, "routing", "statsWindow", statsWindow);
            if (statsWindow.toSeconds() < 60 || statsWindow.toMinutes() > 60) {
                throw new RoutingConfigException("routing.statsWindow",
                        Durations.format(statsWindow) + " (expected: 1m to 60m)");
            }
            resolvedRetention = durationOr(global, "routing", "resolvedRetention", resolvedRetention);
        }
        Map<String, RoutingSettings> brands = new LinkedHashMap<>();
        JsonNode brandsNode = root.path("brands");
        if (!brandsNode.isMissingNode()) {
            requireObject(brandsNode, "brands");
            for (Map.Entry<String, JsonNode> e : brandsNode.properties()) {
                String path = "brands." + e.getKey();
                if (!BRAND_ID.matcher(e.getKey()).matches()) {
                    throw new RoutingConfigException(path, "not a brand id (expected: lower-case letters,"
                            + " digits, '-' or '_', at most 64)");
                }
                JsonNode brand = e.getValue();
                requireObject(brand, path);
                brands.put(e.getKey(), brand(brand.path("routing"), path + ".routing"));
            }
        }
        return new RoutingConfig(ratingWindow, qualityWindow, statsWindow, resolvedRetention, brands);
    }

    private static RoutingSettings brand(JsonNode node, String path) {
        RoutingSettings d = RoutingSettings.defaults();
        if (node.isMissingNode()) {
            return d;
        }
        requireObject(node, path);
        checkKeys(node, path, BRAND_KEYS);
        RoutingSettings.Builder b = RoutingSettings.builder();
        if (node.has("mode")) {
            String mode = text(node.get("mode"), path + ".mode");
            switch (mode) {
                case "claim" -> b.mode(RoutingMode.CLAIM);
                case "push" -> b.mode(RoutingMode.PUSH);
                default -> throw new RoutingConfigException(path + ".mode", "'" + mode + "' (expected: claim or push)");
            }
        }
        b.minRating(intOr(node, path, "minRating", d.minRating(), 0, 100));
        b.minRatings(intOr(node, path, "minRatings", d.minRatings(), 0, 10_000));
        b.minQuality(intOr(node, path, "minQuality", d.minQuality(), 0, 100));
        b.minQualityReviews(intOr(node, path, "minQualityReviews", d.minQualityReviews(), 0, 10_000));
        b.hysteresis(intOr(node, path, "hysteresis", d.hysteresis(), 0, 100));
        b.claimTtl(positive(node, path, "claimTtl", d.claimTtl()));
        b.reofferCooldown(durationOr(node, path, "reofferCooldown", d.reofferCooldown()));
        b.offerTimeout(positive(node, path, "offerTimeout", d.offerTimeout()));
        b.newExpertSharePercent(intOr(node, path, "newExpertShare", d.newExpertSharePercent(), 0, 100));
        b.priorityWeight(positive(node, path, "priorityWeight", d.priorityWeight()));
        b.handpickedWindow(durationOr(node, path, "handpickedWindow", d.handpickedWindow()));
        b.handpicked(expertIds(node, path, "handpicked"));
        b.removed(expertIds(node, path, "removed"));
        Currency currency = d.currency();
        if (node.has("currency")) {
            String code = text(node.get("currency"), path + ".currency");
            try {
                currency = Currency.getInstance(code);
            } catch (IllegalArgumentException e) {
                throw new RoutingConfigException(path + ".currency", "'" + code + "' (expected: an ISO 4217 code such as EUR)");
            }
        }
        b.currency(currency);
        if (node.has("basePay")) {
            b.basePayMinor(money(node.get("basePay"), path + ".basePay", currency));
        }
        b.reopenWindow(durationOr(node, path, "reopenWindow", d.reopenWindow()));
        if (node.has("surge")) {
            b.surge(surge(node.get("surge"), path + ".surge"));
        }
        if (node.has("widening")) {
            b.widening(widening(node.get("widening"), path + ".widening"));
        }
        if (node.has("attributes")) {
            b.attributes(attributes(node.get("attributes"), path + ".attributes"));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new RoutingConfigException(path, e.getMessage());
        }
    }

    private static List<SurgeRule> surge(JsonNode node, String path) {
        requireArray(node, path);
        List<SurgeRule> rules = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String p = path + "[" + i + "]";
            JsonNode rule = node.get(i);
            requireObject(rule, p);
            checkKeys(rule, p, SURGE_KEYS);
            int depth = intOr(rule, p, "queueDepthAtLeast", 0, 1, 10_000_000);
            Duration wait = rule.has("oldestWaitAtLeast") ? positive(rule, p, "oldestWaitAtLeast", null) : null;
            if (depth == 0 && wait == null) {
                throw new RoutingConfigException(p, "no condition (expected: queueDepthAtLeast and/or oldestWaitAtLeast)");
            }
            if (!rule.has("multiplier")) {
                throw new RoutingConfigException(p + ".multiplier", "missing");
            }
            rules.add(new SurgeRule(depth, wait, multiplier(rule.get("multiplier"), p + ".multiplier")));
        }
        return rules;
    }

    private static List<WideningStep> widening(JsonNode node, String path) {
        requireArray(node, path);
        List<WideningStep> steps = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String p = path + "[" + i + "]";
            JsonNode step = node.get(i);
            requireObject(step, p);
            checkKeys(step, p, WIDENING_KEYS);
            if (!step.has("after")) {
                throw new RoutingConfigException(p + ".after", "missing");
            }
            Duration after = durationOr(step, p, "after", null);
            if (i > 0 && after.compareTo(steps.get(i - 1).after()) <= 0) {
                throw new RoutingConfigException(p + ".after", Durations.format(after)
                        + " (expected: later than the previous step's " + Durations.format(steps.get(i - 1).after()) + ")");
            }
            boolean drop = bool(step, p, "dropPreferredSkills");
            int lower = intOr(step, p, "lowerLevelsBy", 0, 0, WideningStep.MAX_LEVEL - 1);
            if (!drop && lower == 0) {
                throw new RoutingConfigException(p, "relaxes nothing (expected: dropPreferredSkills: true and/or lowerLevelsBy >= 1)");
            }
            steps.add(WideningStep.of(after, drop, lower));
        }
        return steps;
    }

    private static AttributeMapping attributes(JsonNode node, String path) {
        requireObject(node, path);
        checkKeys(node, path, ATTRIBUTE_KEYS);
        AttributeMapping d = AttributeMapping.defaults();
        Map<String, Integer> priorities = d.priorities();
        if (node.has("priorities")) {
            priorities = new LinkedHashMap<>();
            JsonNode ps = node.get("priorities");
            requireObject(ps, path + ".priorities");
            for (Map.Entry<String, JsonNode> e : ps.properties()) {
                priorities.put(e.getKey(), intValue(e.getValue(), path + ".priorities." + e.getKey(), 0, 9));
            }
        }
        Map<String, TagSkills> skills = new LinkedHashMap<>();
        if (node.has("skills")) {
            JsonNode tags = node.get("skills");
            requireObject(tags, path + ".skills");
            for (Map.Entry<String, JsonNode> e : tags.properties()) {
                String p = path + ".skills." + e.getKey();
                requireObject(e.getValue(), p);
                checkKeys(e.getValue(), p, TAG_KEYS);
                skills.put(e.getKey(), new TagSkills(levels(e.getValue().path("required"), p + ".required"),
                        levels(e.getValue().path("preferred"), p + ".preferred")));
            }
        }
        String language = node.has("defaultLanguage")
                ? text(node.get("defaultLanguage"), path + ".defaultLanguage").toLowerCase(Locale.ROOT)
                : d.defaultLanguage();
        if (!language.matches("[a-z]{2,3}")) {
            throw new RoutingConfigException(path + ".defaultLanguage", "'" + language + "' (expected: a language code such as en)");
        }
        return new AttributeMapping(
                pointer(node, path, "language", d.languagePointer()),
                language,
                pointer(node, path, "priority", d.priorityPointer()),
                priorities,
                intOr(node, path, "defaultPriority", d.defaultPriority(), 0, 9),
                pointer(node, path, "channel", d.channelPointer()),
                node.has("defaultChannel") ? text(node.get("defaultChannel"), path + ".defaultChannel") : d.defaultChannel(),
                pointer(node, path, "tags", d.tagsPointer()),
                skills);
    }

    private static Map<String, Integer> levels(JsonNode node, String path) {
        if (node.isMissingNode()) {
            return Map.of();
        }
        requireObject(node, path);
        Map<String, Integer> levels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!SKILL.matcher(e.getKey()).matches()) {
                throw new RoutingConfigException(path + "." + e.getKey(), "not a skill name (expected: lower-case letters,"
                        + " digits, '-' or '_')");
            }
            levels.put(e.getKey(), intValue(e.getValue(), path + "." + e.getKey(), 1, WideningStep.MAX_LEVEL));
        }
        return levels;
    }

    private static String pointer(JsonNode node, String path, String key, String fallback) {
        if (!node.has(key)) {
            return fallback;
        }
        String p = text(node.get(key), path + "." + key);
        if (!p.startsWith("/")) {
            throw new RoutingConfigException(path + "." + key, "'" + p + "' (expected: a JSON pointer such as /language)");
        }
        return p;
    }

    private static long money(JsonNode node, String path, Currency currency) {
        BigDecimal amount = decimal(node, path);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > digits) {
            throw new RoutingConfigException(path, amount.toPlainString() + " (expected: >= 0 with at most "
                    + digits + " decimal places for " + currency.getCurrencyCode() + ")");
        }
        BigDecimal minor = amount.movePointRight(digits);
        if (minor.compareTo(BigDecimal.valueOf(RoutingSettings.MAX_BASE_PAY_MINOR)) > 0) {
            throw new RoutingConfigException(path, amount.toPlainString() + " (expected: at most "
                    + BigDecimal.valueOf(RoutingSettings.MAX_BASE_PAY_MINOR).movePointLeft(digits).toPlainString() + ")");
        }
        return minor.longValueExact();
    }

    private static int multiplier(JsonNode node, String path) {
        BigDecimal m = decimal(node, path);
        if (m.stripTrailingZeros().scale() > 4 || m.compareTo(BigDecimal.ONE) < 0 || m.compareTo(BigDecimal.TEN) > 0) {
            throw new RoutingConfigException(path, m.toPlainString() + " (expected: 1.0 to 10.0, at most 4 decimal places)");
        }
        return m.movePointRight(4).intValueExact();
    }

    private static BigDecimal decimal(JsonNode node, String path) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw new RoutingConfigException(path, "'" + node.textValue() + "' (expected: a decimal number such as 1.25)");
            }
        }
        throw new RoutingConfigException(path, kind(node) + " (expected: a decimal number such as 1.25)");
    }

    private static Set<String> expertIds(JsonNode node, String path, String key) {
        if (!node.has(key)) {
            return Set.of();
        }
        JsonNode list = node.get(key);
        requireArray(list, path + "." + key);
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String p = path + "." + key + "[" + i + "]";
            String id = text(list.get(i), p);
            if (!EXPERT_ID.matcher(id).matches()) {
                throw new RoutingConfigException(p, "not an expert id (expected: 1 to 128 of A-Z a-z 0-9 . _ : -)");
            }
            ids.add(id);
        }
        return ids;
    }

    private static int intOr(JsonNode node, String path, String key, int fallback, int min, int max) {
        return node.has(key) ? intValue(node.get(key), path + "." + key, min, max) : fallback;
    }

    private static int intValue(JsonNode node, String path, int min, int max) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new RoutingConfigException(path, kind(node) + " (expected: a whole number from " + min + " to " + max + ")");
        }
        int v = node.intValue();
        if (v < min || v > max) {
            throw new RoutingConfigException(path, v + " (expected: " + min + " to " + max + ")");
        }
        return v;
    }

    private static boolean bool(JsonNode node, String path, String key) {
        if (!node.has(key)) {
            return false;
        }
        JsonNode v = node.get(key);
        if (!v.isBoolean()) {
            throw new RoutingConfigException(path + "." + key, kind(v) + " (expected: true or false)");
        }
        return v.booleanValue();
    }

    private static Duration positive(JsonNode node, String path, String key, Duration fallback) {
        Duration d = durationOr(node, path, key, fallback);
        if (d != null && d.isZero()) {
            throw new RoutingConfigException(path + "." + key, "0s (expected: > 0)");
        }
        return d;
    }

    private static Duration durationOr(JsonNode node, String path, String key, Duration fallback) {
        if (!node.has(key)) {
            return fallback;
        }
        JsonNode v = node.get(key);
        String p = path + "." + key;
        if (v.isIntegralNumber() && v.longValue() == 0) {
            return Duration.ZERO;
        }
        if (!v.isTextual()) {
            throw new RoutingConfigException(p, kind(v) + " (expected: a duration such as 30s, 15m, 2h or 3d)");
        }
        Duration d = Durations.parse(v.textValue());
        if (d == null || d.isNegative()) {
            throw new RoutingConfigException(p, "'" + v.textValue() + "' (expected: a duration such as 30s, 15m, 2h or 3d)");
        }
        return d;
    }

    private static String text(JsonNode node, String path) {
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new RoutingConfigException(path, kind(node) + " (expected: text)");
        }
        return node.textValue();
    }

    private static void checkKeys(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new RoutingConfigException(path + "." + key,
                        "unknown key (expected one of: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new RoutingConfigException(path, kind(node) + " (expected: a mapping of keys to values)");
        }
    }

    private static void requireArray(JsonNode node, String path) {
        if (!node.isArray()) {
            throw new RoutingConfigException(path, kind(node) + " (expected: a list)");
        }
    }

    private static String kind(JsonNode node) {
        if (node.isNull()) {
            return "no value";
        }
        if (node.isTextual()) {
            return "'" + node.textValue() + "'";
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        return node.isArray() ? "a list" : "a mapping";
    }
}
