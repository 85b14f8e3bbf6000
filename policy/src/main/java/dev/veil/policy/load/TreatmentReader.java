package dev.veil.policy.load;

import dev.veil.policy.format.MaskProfile;
import dev.veil.policy.format.Option;
import dev.veil.policy.model.Action;
import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.MaskOptions;
import dev.veil.policy.model.TokenProfile;
import dev.veil.policy.model.Treatment;
import dev.veil.policy.yaml.Suggestions;
import dev.veil.policy.yaml.YamlNode;
import dev.veil.policy.yaml.YamlNode.MapNode;
import dev.veil.policy.yaml.YamlNode.Scalar;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what a rule does to a value: an action and its parameters (a token profile, a label, or
 * the mask options that {@link MaskProfile} declares), as fields, views, scan actions and
 * detectors all write it.
 */
final class TreatmentReader {

    static final List<String> TREATMENT_KEYS = List.of("action", "token", "label", "show", "keep_first", "keep_last", "mask_char");

    /** Actions a detected span in free text can get: {@code drop} and {@code scan} make no sense there. */
    static final Set<Action> SPAN_ACTIONS = EnumSet.of(Action.KEEP, Action.REDACT, Action.MASK, Action.TOKENIZE, Action.PSEUDONYMIZE);

    private final PolicyContext context;

    TreatmentReader(PolicyContext context) {
        this.context = context;
    }

    /** The treatment of a rule map whose action key holds one of {@code allowed}; {@code null} after a problem. */
    Treatment rule(MapNode map, String path, Set<Action> allowed) {
        YamlNode actionNode = context.reader.required(map, "action", path);
        Action action = actionNode == null ? null : action(actionNode, path + ".action", allowed);
        return action == null ? null : treatment(map, path, action);
    }

    /** A scan action: a bare action name, or a map whose action defaults to tokenize with token, else redact. */
    Treatment span(YamlNode node, String path, boolean checkKeys) {
        if (node instanceof Scalar) {
            Action action = action(node, path, SPAN_ACTIONS);
            return action == null ? null : shorthand(action, node, path);
        }
        MapNode map = context.reader.map(node, path);
        if (map == null) {
            return null;
        }
        if (checkKeys) {
            context.reader.checkKeys(map, path, TREATMENT_KEYS);
        }
        YamlNode actionNode = map.get("action");
        Action action;
        if (actionNode != null) {
            action = action(actionNode, path + ".action", SPAN_ACTIONS);
        } else {
            action = map.get("token") != null ? Action.TOKENIZE : Action.REDACT;
        }
        return action == null ? null : treatment(map, path, action);
    }

    /** A rule written as just an action name: only actions that need no parameters. */
    Treatment shorthand(Action action, YamlNode node, String path) {
        if (action == Action.TOKENIZE) {
            context.reader.problem(node.mark(), path, "tokenize needs a token profile (expected: { action: tokenize, token: NAME })");
            return null;
        }
        return action == Action.MASK ? new Treatment(action, null, MaskOptions.NONE, null) : Treatment.of(action);
    }

    Action action(YamlNode node, String path, Set<Action> allowed) {
        String text = context.reader.string(node, path);
        if (text == null) {
            return null;
        }
        Action action = Action.fromYaml(text).orElse(null);
        List<String> names = allowed.stream().map(Action::yamlName).toList();
        if (action == null || !allowed.contains(action)) {
            String what = action == null ? "unknown action '" + text + "'" : "action '" + text + "' cannot apply to a detected span";
            context.reader.problem(node.mark(), path, what + " (expected one of: " + String.join(", ", names) + ")",
                    action == null ? Suggestions.closest(text, names) : null);
            return null;
        }
        return action;
    }

    /** A reference to a token profile by name; a broken profile is not reported again. */
    TokenProfile profileRef(YamlNode node, String path) {
        String name = context.reader.string(node, path);
        if (name == null || context.brokenProfiles.contains(name)) {
            return null;
        }
        TokenProfile profile = context.profiles.get(name);
        if (profile == null) {
            String expected = context.profiles.isEmpty() ? "a profile defined under tokens, which is empty"
                    : "one of: " + String.join(", ", context.profiles.keySet());
            context.reader.problem(node.mark(), path, "unknown token profile '" + name + "' (expected " + expected + ")",
                    Suggestions.closest(name, context.profiles.keySet()));
        }
        return profile;
    }

    private Treatment treatment(MapNode map, String path, Action action) {
        boolean ok = true;
        for (String key : List.of("token", "label", "show", "keep_first", "keep_last", "mask_char")) {
            YamlNode value = map.get(key);
            if (value != null && !appliesTo(key, action)) {
                context.reader.problem(map.keyMark(key), path + "." + key,
                        "'" + key + "' does not apply to action " + action.yamlName() + " (expected: only with " + appliesToText(key) + ")");
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        return switch (action) {
            case KEEP, DROP, SCAN -> Treatment.of(action);
            case REDACT -> {
                YamlNode node = map.get("label");
                String label = node == null ? null : context.reader.string(node, path + ".label");
                yield node != null && label == null ? null : new Treatment(action, null, null, label);
            }
            case MASK -> {
                MaskOptions mask = maskOptions(map, path);
                yield mask == null ? null : new Treatment(action, null, mask, null);
            }
            case TOKENIZE -> {
                YamlNode node = map.get("token");
                if (node == null) {
                    context.reader.problem(map.mark(), path + ".token", "missing required key 'token' (tokenize needs a token profile, expected one of: "
                            + String.join(", ", context.profiles.keySet()) + ")");
                    yield null;
                }
                TokenProfile profile = profileRef(node, path + ".token");
                yield profile == null ? null : new Treatment(action, profile.name(), null, null);
            }
            case PSEUDONYMIZE -> {
                YamlNode node = map.get("token");
                if (node == null) {
                    yield Treatment.of(action);
                }
                TokenProfile profile = profileRef(node, path + ".token");
                if (profile != null && profile.format() != FormatKind.HASH) {
                    context.reader.problem(node.mark(), path + ".token", "profile '" + profile.name() + "' is " + profile.format().yamlName()
                            + " (expected: a hash profile for pseudonymize)");
                    yield null;
                }
                yield profile == null ? null : new Treatment(action, profile.name(), null, null);
            }
        };
    }

    /** An inline mask: the options of the mask format, read and checked as a mask profile's are. */
    private MaskOptions maskOptions(MapNode map, String path) {
        MaskProfile mask = MaskProfile.of();
        Map<String, Object> options = new LinkedHashMap<>();
        boolean[] ok = {true};
        for (Option option : mask.options()) {
            YamlNode node = map.get(option.name());
            if (node == null) {
                continue;
            }
            Object value = option.read(node, path + "." + option.name(), context.reader);
            if (value == null) {
                ok[0] = false;
            } else {
                options.put(option.name(), value);
            }
        }
        mask.validate(options, (key, message) -> {
            context.reader.problem(map.get(key).mark(), path + "." + key, message);
            ok[0] = false;
        });
        return ok[0] ? MaskProfile.maskOptions(options) : null;
    }

    private static boolean appliesTo(String key, Action action) {
        return switch (key) {
            case "token" -> action == Action.TOKENIZE || action == Action.PSEUDONYMIZE;
            case "label" -> action == Action.REDACT;
            default -> action == Action.MASK;
        };
    }

    private static String appliesToText(String key) {
        return switch (key) {
            case "token" -> "tokenize or pseudonymize";
            case "label" -> "redact";
            default -> "mask";
        };
    }
}
