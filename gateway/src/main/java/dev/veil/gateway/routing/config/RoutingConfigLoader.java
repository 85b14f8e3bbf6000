package dev.veil.gateway.routing.config;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.yaml.Durations;
import dev.veil.policy.yaml.Mark;
import dev.veil.policy.yaml.NodeReader;
import dev.veil.policy.yaml.Problems;
import dev.veil.policy.yaml.YamlNode;
import dev.veil.policy.yaml.YamlNode.Entry;
import dev.veil.policy.yaml.YamlNode.ListNode;
import dev.veil.policy.yaml.YamlNode.MapNode;
import dev.veil.policy.yaml.YamlText;
import dev.veil.policy.yaml.YamlTreeReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
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
 * and are left alone; inside the routing sections an unknown key or a bad value is a problem
 * naming its line, column and key path, and every problem is reported at once.
 */
public final class RoutingConfigLoader {

    /** Largest {@code veil.yaml} accepted. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    static final Pattern BRAND_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    static final Pattern SKILL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    static final Pattern EXPERT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    /** What a brand id may be, as messages say it. */
    public static final String BRAND_ID_EXPECTED = "lower-case letters, digits, '-' or '_', at most 64";

    private static final List<String> GLOBAL_KEYS =
            List.of("ratingWindow", "qualityWindow", "statsWindow", "resolvedRetention");
    private static final List<String> BRAND_KEYS = List.of("attributes", "basePay", "claimTtl", "currency", "handpicked",
            "handpickedWindow", "hysteresis", "minQuality", "minQualityReviews", "minRating", "minRatings", "mode",
            "newExpertShare", "offerTimeout", "priorityWeight", "removed", "reofferCooldown", "reopenWindow", "surge", "widening");
    private static final List<String> SURGE_KEYS = List.of("multiplier", "oldestWaitAtLeast", "queueDepthAtLeast");
    private static final List<String> WIDENING_KEYS = List.of("after", "dropPreferredSkills", "lowerLevelsBy");
    private static final List<String> ATTRIBUTE_KEYS = List.of("channel", "defaultChannel", "defaultLanguage",
            "defaultPriority", "language", "priorities", "priority", "skills", "tags");
    private static final List<String> TAG_KEYS = List.of("preferred", "required");
    private static final String DECIMAL = "a decimal number such as 1.25";

    private final NodeReader in;

    private RoutingConfigLoader(NodeReader in) {
        this.in = in;
    }

    /** Reads {@code veil.yaml} from a file. */
    public static RoutingConfig load(Path file) {
        requireNonNull(file, "file");
        Problems problems = new Problems(file.toString());
        String text = YamlText.read(file, MAX_FILE_BYTES, problems);
        problems.throwIfAny(RoutingConfigException::new);
        return parse(file.toString(), text);
    }

    /** Reads {@code veil.yaml} text; problems name the file {@code veil.yaml}. */
    public static RoutingConfig parse(String yaml) {
        return parse("veil.yaml", yaml);
    }

    /** Reads {@code veil.yaml} text; {@code fileName} is how problems name it. */
    public static RoutingConfig parse(String fileName, String yaml) {
        requireNonNull(yaml, "yaml");
        Problems problems = new Problems(requireNonNull(fileName, "fileName"));
        YamlNode root = YamlTreeReader.of("configuration").read(yaml, problems);
        RoutingConfig config = read(root, NodeReader.of(problems));
        problems.throwIfAny(RoutingConfigException::new);
        return config;
    }

    /**
     * Reads the routing parts of an already read {@code veil.yaml} tree ({@code null} when empty),
     * recording problems in {@code reader}; the result is only meaningful when none was recorded.
     */
    public static RoutingConfig read(YamlNode root, NodeReader reader) {
        RoutingConfigLoader loader = new RoutingConfigLoader(requireNonNull(reader, "reader"));
        if (root == null) {
            return RoutingConfig.of(Map.of());
        }
        MapNode map = reader.map(root, "");
        if (map == null) {
            return RoutingConfig.of(Map.of());
        }
        RoutingConfig global = loader.global(map.get("routing"));
        Map<String, RoutingSettings> brands = new LinkedHashMap<>();
        YamlNode brandsNode = map.get("brands");
        MapNode brandsMap = brandsNode == null ? null : reader.map(brandsNode, "brands");
        if (brandsMap != null) {
            for (Entry e : brandsMap.entries()) {
                String path = "brands." + e.key();
                if (!loader.brandId(e.key(), e.keyMark(), path)) {
                    continue;
                }
                MapNode brand = reader.map(e.value(), path);
                if (brand != null) {
                    brands.put(e.key(), loader.brand(brand.get("routing"), path + ".routing"));
                }
            }
        }
        return global.withBrands(brands);
    }

    /** Reads the top-level {@code routing:} section ({@code null}: defaults); the result has no brands. */
    public static RoutingConfig readGlobal(YamlNode node, NodeReader reader) {
        return new RoutingConfigLoader(requireNonNull(reader, "reader")).global(node);
    }

    /** Reads one {@code brands.<brand>.routing:} section at {@code path} ({@code null}: defaults). */
    public static RoutingSettings readBrand(YamlNode node, String path, NodeReader reader) {
        return new RoutingConfigLoader(requireNonNull(reader, "reader")).brand(node, path);
    }

    /** Whether {@code id} is a valid brand id; records a problem when it is not. */
    public static boolean checkBrandId(String id, Mark mark, String path, NodeReader reader) {
        return new RoutingConfigLoader(reader).brandId(id, mark, path);
    }

    private boolean brandId(String id, Mark mark, String path) {
        if (BRAND_ID.matcher(id).matches()) {
            return true;
        }
        in.problem(mark, path, "not a brand id (expected: " + BRAND_ID_EXPECTED + ")");
        return false;
    }

    private RoutingConfig global(YamlNode node) {
        RoutingConfig d = RoutingConfig.of(Map.of());
        MapNode map = node == null ? null : in.map(node, "routing");
        if (map == null) {
            return d;
        }
        in.checkKeys(map, "routing", GLOBAL_KEYS);
        int ratingWindow = intOr(map, "routing", "ratingWindow", d.ratingWindow(), 1, 1_000);
        int qualityWindow = intOr(map, "routing", "qualityWindow", d.qualityWindow(), 1, 1_000);
        Duration statsWindow = durationOr(map, "routing", "statsWindow", d.statsWindow());
        if (statsWindow.toSeconds() < 60 || statsWindow.toMinutes() > 60) {
            in.problem(map.get("statsWindow").mark(), "routing.statsWindow", Durations.format(statsWindow) + " (expected: 1m to 60m)");
            statsWindow = d.statsWindow();
        }
        Duration resolvedRetention = durationOr(map, "routing", "resolvedRetention", d.resolvedRetention());
        return new RoutingConfig(ratingWindow, qualityWindow, statsWindow, resolvedRetention, Map.of());
    }

    private RoutingSettings brand(YamlNode node, String path) {
        RoutingSettings d = RoutingSettings.defaults();
        MapNode map = node == null ? null : in.map(node, path);
        if (map == null) {
            return d;
        }
        in.checkKeys(map, path, BRAND_KEYS);
        RoutingSettings.Builder b = RoutingSettings.builder();
        if (map.get("mode") != null) {
            String mode = in.oneOf(map.get("mode"), path + ".mode", List.of("claim", "push"));
            if (mode != null) {
                b.mode(mode.equals("claim") ? RoutingMode.CLAIM : RoutingMode.PUSH);
            }
        }
        b.minRating(intOr(map, path, "minRating", d.minRating(), 0, 100));
        b.minRatings(intOr(map, path, "minRatings", d.minRatings(), 0, 10_000));
        b.minQuality(intOr(map, path, "minQuality", d.minQuality(), 0, 100));
        b.minQualityReviews(intOr(map, path, "minQualityReviews", d.minQualityReviews(), 0, 10_000));
        b.hysteresis(intOr(map, path, "hysteresis", d.hysteresis(), 0, 100));
        b.claimTtl(positiveOr(map, path, "claimTtl", d.claimTtl()));
        b.reofferCooldown(durationOr(map, path, "reofferCooldown", d.reofferCooldown()));
        b.offerTimeout(positiveOr(map, path, "offerTimeout", d.offerTimeout()));
        b.newExpertSharePercent(intOr(map, path, "newExpertShare", d.newExpertSharePercent(), 0, 100));
        b.priorityWeight(positiveOr(map, path, "priorityWeight", d.priorityWeight()));
        b.handpickedWindow(durationOr(map, path, "handpickedWindow", d.handpickedWindow()));
        b.handpicked(expertIds(map, path, "handpicked"));
        b.removed(expertIds(map, path, "removed"));
        Currency currency = currency(map, path, d.currency());
        b.currency(currency);
        if (map.get("basePay") != null) {
            Long minor = money(map.get("basePay"), path + ".basePay", currency);
            if (minor != null) {
                b.basePayMinor(minor);
            }
        }
        b.reopenWindow(durationOr(map, path, "reopenWindow", d.reopenWindow()));
        if (map.get("surge") != null) {
            b.surge(surge(map.get("surge"), path + ".surge"));
        }
        if (map.get("widening") != null) {
            b.widening(widening(map.get("widening"), path + ".widening"));
        }
        if (map.get("attributes") != null) {
            b.attributes(attributes(map.get("attributes"), path + ".attributes"));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            in.problem(map.mark(), path, e.getMessage());
            return d;
        }
    }

    private Currency currency(MapNode map, String path, Currency fallback) {
        YamlNode node = map.get("currency");
        String code = node == null ? null : in.text(node, path + ".currency");
        if (code == null) {
            return fallback;
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            in.problem(node.mark(), path + ".currency", "'" + code + "' (expected: an ISO 4217 code such as EUR)");
            return fallback;
        }
    }

    private List<SurgeRule> surge(YamlNode node, String path) {
        ListNode list = in.list(node, path);
        List<SurgeRule> rules = new ArrayList<>();
        for (int i = 0; list != null && i < list.items().size(); i++) {
            String p = NodeReader.index(path, i);
            MapNode rule = in.map(list.items().get(i), p);
            if (rule == null) {
                continue;
            }
            in.checkKeys(rule, p, SURGE_KEYS);
            int depth = intOr(rule, p, "queueDepthAtLeast", 0, 1, 10_000_000);
            Duration wait = rule.get("oldestWaitAtLeast") == null ? null : positiveOr(rule, p, "oldestWaitAtLeast", null);
            if (rule.get("queueDepthAtLeast") == null && rule.get("oldestWaitAtLeast") == null) {
                in.problem(rule.mark(), p, "no condition (expected: queueDepthAtLeast and/or oldestWaitAtLeast)");
                continue;
            }
            YamlNode multiplierNode = in.required(rule, "multiplier", p);
            Integer multiplier = multiplierNode == null ? null : multiplier(multiplierNode, p + ".multiplier");
            if (multiplier != null && (depth > 0 || wait != null)) {
                rules.add(new SurgeRule(depth, wait, multiplier));
            }
        }
        return rules;
    }

    private List<WideningStep> widening(YamlNode node, String path) {
        ListNode list = in.list(node, path);
        List<WideningStep> steps = new ArrayList<>();
        Duration previous = null;
        for (int i = 0; list != null && i < list.items().size(); i++) {
            String p = NodeReader.index(path, i);
            MapNode step = in.map(list.items().get(i), p);
            if (step == null) {
                continue;
            }
            in.checkKeys(step, p, WIDENING_KEYS);
            YamlNode afterNode = in.required(step, "after", p);
            Duration after = afterNode == null ? null : in.duration(afterNode, p + ".after");
            if (after != null && previous != null && after.compareTo(previous) <= 0) {
                in.problem(afterNode.mark(), p + ".after", Durations.format(after)
                        + " (expected: later than the previous step's " + Durations.format(previous) + ")");
                after = null;
            }
            Boolean drop = step.get("dropPreferredSkills") == null ? Boolean.FALSE : in.bool(step.get("dropPreferredSkills"), p + ".dropPreferredSkills");
            YamlNode lowerNode = step.get("lowerLevelsBy");
            Integer lower = lowerNode == null ? Integer.valueOf(0) : in.integer(lowerNode, p + ".lowerLevelsBy", 0, WideningStep.MAX_LEVEL - 1);
            if (Boolean.FALSE.equals(drop) && Integer.valueOf(0).equals(lower)) {
                in.problem(step.mark(), p, "relaxes nothing (expected: dropPreferredSkills: true and/or lowerLevelsBy >= 1)");
                continue;
            }
            if (after != null && drop != null && lower != null) {
                steps.add(WideningStep.of(after, drop, lower));
                previous = after;
            }
        }
        return steps;
    }

    private AttributeMapping attributes(YamlNode node, String path) {
        AttributeMapping d = AttributeMapping.defaults();
        MapNode map = in.map(node, path);
        if (map == null) {
            return d;
        }
        in.checkKeys(map, path, ATTRIBUTE_KEYS);
        Map<String, Integer> priorities = d.priorities();
        if (map.get("priorities") != null) {
            priorities = new LinkedHashMap<>();
            MapNode ps = in.map(map.get("priorities"), path + ".priorities");
            for (Entry e : ps == null ? List.<Entry>of() : ps.entries()) {
                Integer level = in.integer(e.value(), path + ".priorities." + e.key(), 0, 9);
                if (level != null) {
                    priorities.put(e.key(), level);
                }
            }
        }
        Map<String, TagSkills> skills = new LinkedHashMap<>();
        if (map.get("skills") != null) {
            MapNode tags = in.map(map.get("skills"), path + ".skills");
            for (Entry e : tags == null ? List.<Entry>of() : tags.entries()) {
                String p = path + ".skills." + e.key();
                MapNode tag = in.map(e.value(), p);
                if (tag != null) {
                    in.checkKeys(tag, p, TAG_KEYS);
                    skills.put(e.key(), new TagSkills(levels(tag.get("required"), p + ".required"), levels(tag.get("preferred"), p + ".preferred")));
                }
            }
        }
        String language = d.defaultLanguage();
        if (map.get("defaultLanguage") != null) {
            String text = in.text(map.get("defaultLanguage"), path + ".defaultLanguage");
            if (text != null && text.toLowerCase(Locale.ROOT).matches("[a-z]{2,3}")) {
                language = text.toLowerCase(Locale.ROOT);
            } else if (text != null) {
                in.problem(map.get("defaultLanguage").mark(), path + ".defaultLanguage", "'" + text + "' (expected: a language code such as en)");
            }
        }
        return new AttributeMapping(
                pointer(map, path, "language", d.languagePointer()),
                language,
                pointer(map, path, "priority", d.priorityPointer()),
                priorities,
                intOr(map, path, "defaultPriority", d.defaultPriority(), 0, 9),
                pointer(map, path, "channel", d.channelPointer()),
                textOr(map, path, "defaultChannel", d.defaultChannel()),
                pointer(map, path, "tags", d.tagsPointer()),
                skills);
    }

    private Map<String, Integer> levels(YamlNode node, String path) {
        MapNode map = node == null ? null : in.map(node, path);
        if (map == null) {
            return Map.of();
        }
        Map<String, Integer> levels = new LinkedHashMap<>();
        for (Entry e : map.entries()) {
            String p = path + "." + e.key();
            if (!SKILL.matcher(e.key()).matches()) {
                in.problem(e.keyMark(), p, "not a skill name (expected: lower-case letters, digits, '-' or '_')");
                continue;
            }
            Integer level = in.integer(e.value(), p, 1, WideningStep.MAX_LEVEL);
            if (level != null) {
                levels.put(e.key(), level);
            }
        }
        return levels;
    }

    private String pointer(MapNode map, String path, String key, String fallback) {
        YamlNode node = map.get(key);
        String p = node == null ? null : in.text(node, path + "." + key);
        if (p == null) {
            return fallback;
        }
        if (!p.startsWith("/")) {
            in.problem(node.mark(), path + "." + key, "'" + p + "' (expected: a JSON pointer such as /language)");
            return fallback;
        }
        return p;
    }

    private Long money(YamlNode node, String path, Currency currency) {
        BigDecimal amount = in.decimal(node, path, DECIMAL);
        if (amount == null) {
            return null;
        }
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > digits) {
            in.problem(node.mark(), path, amount.toPlainString() + " (expected: >= 0 with at most "
                    + digits + " decimal places for " + currency.getCurrencyCode() + ")");
            return null;
        }
        BigDecimal minor = amount.movePointRight(digits);
        if (minor.compareTo(BigDecimal.valueOf(RoutingSettings.MAX_BASE_PAY_MINOR)) > 0) {
            in.problem(node.mark(), path, amount.toPlainString() + " (expected: at most "
                    + BigDecimal.valueOf(RoutingSettings.MAX_BASE_PAY_MINOR).movePointLeft(digits).toPlainString() + ")");
            return null;
        }
        return minor.longValueExact();
    }

    private Integer multiplier(YamlNode node, String path) {
        BigDecimal m = in.decimal(node, path, DECIMAL);
        if (m == null) {
            return null;
        }
        if (m.stripTrailingZeros().scale() > 4 || m.compareTo(BigDecimal.ONE) < 0 || m.compareTo(BigDecimal.TEN) > 0) {
            in.problem(node.mark(), path, m.toPlainString() + " (expected: 1.0 to 10.0, at most 4 decimal places)");
            return null;
        }
        return m.movePointRight(4).intValueExact();
    }

    private Set<String> expertIds(MapNode map, String path, String key) {
        YamlNode node = map.get(key);
        ListNode list = node == null ? null : in.list(node, path + "." + key);
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; list != null && i < list.items().size(); i++) {
            String p = NodeReader.index(path + "." + key, i);
            YamlNode item = list.items().get(i);
            String id = in.text(item, p);
            if (id != null && !EXPERT_ID.matcher(id).matches()) {
                in.problem(item.mark(), p, "not an expert id (expected: 1 to 128 of A-Z a-z 0-9 . _ : -)");
            } else if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    private int intOr(MapNode map, String path, String key, int fallback, int min, int max) {
        YamlNode node = map.get(key);
        Integer value = node == null ? null : in.integer(node, path + "." + key, min, max);
        return value == null ? fallback : value;
    }

    private String textOr(MapNode map, String path, String key, String fallback) {
        YamlNode node = map.get(key);
        String value = node == null ? null : in.text(node, path + "." + key);
        return value == null ? fallback : value;
    }

    private Duration positiveOr(MapNode map, String path, String key, Duration fallback) {
        YamlNode node = map.get(key);
        Duration value = node == null ? null : in.positiveDuration(node, path + "." + key);
        return value == null ? fallback : value;
    }

    private Duration durationOr(MapNode map, String path, String key, Duration fallback) {
        YamlNode node = map.get(key);
        Duration value = node == null ? null : in.duration(node, path + "." + key);
        return value == null ? fallback : value;
    }
}
