package dev.veil.policy.load;

import dev.veil.policy.format.Option;
import dev.veil.policy.format.ProfileFormat;
import dev.veil.policy.format.ProfileFormats;
import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.TokenProfile;
import dev.veil.policy.yaml.Suggestions;
import dev.veil.policy.yaml.YamlNode;
import dev.veil.policy.yaml.YamlNode.Entry;
import dev.veil.policy.yaml.YamlNode.MapNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Reads the {@code tokens} section: named profiles, each a format and the options that format declares. */
final class TokensReader {

    private final PolicyContext context;

    TokensReader(PolicyContext context) {
        this.context = context;
    }

    /** Fills the context's profiles (and broken profiles) from {@code node}, which may be absent. */
    void read(YamlNode node) {
        if (node == null) {
            return;
        }
        MapNode map = context.reader.map(node, "tokens");
        if (map == null) {
            return;
        }
        for (Entry entry : map.entries()) {
            String path = "tokens." + entry.key();
            if (!PolicyContext.NAME.matcher(entry.key()).matches()) {
                context.reader.problem(entry.keyMark(), path, "profile name '" + entry.key() + "' (" + PolicyContext.NAME_EXPECTED + ")");
                context.brokenProfiles.add(entry.key());
                continue;
            }
            TokenProfile profile = profile(entry.key(), entry.value(), path);
            if (profile == null) {
                context.brokenProfiles.add(entry.key());
            } else {
                context.profiles.put(entry.key(), profile);
            }
        }
    }

    private TokenProfile profile(String name, YamlNode node, String path) {
        MapNode map = context.reader.map(node, path);
        if (map == null) {
            return null;
        }
        YamlNode formatNode = context.reader.required(map, "format", path);
        String formatName = formatNode == null ? null : context.reader.string(formatNode, path + ".format");
        FormatKind kind = null;
        if (formatName != null) {
            kind = FormatKind.fromYaml(formatName).orElse(null);
            if (kind == null) {
                List<String> known = Arrays.stream(FormatKind.values()).map(FormatKind::yamlName).toList();
                context.reader.problem(formatNode.mark(), path + ".format", "unknown format '" + formatName
                        + "' (expected one of: " + String.join(", ", known) + ")", Suggestions.closest(formatName, known));
            }
        }
        if (kind == null) {
            return null;
        }
        ProfileFormat format = ProfileFormats.of(kind);
        boolean ok = true;
        Map<String, Object> options = new LinkedHashMap<>();
        for (Entry entry : map.entries()) {
            if (entry.key().equals("format")) {
                continue;
            }
            String optionPath = path + "." + entry.key();
            Option option = format.option(entry.key());
            if (option == null) {
                String expected = format.options().isEmpty() ? "no options for " + kind.yamlName()
                        : "one of: " + String.join(", ", new TreeSet<>(format.optionNames()));
                context.reader.problem(entry.keyMark(), optionPath, "unknown key '" + entry.key() + "' for format " + kind.yamlName()
                        + " (expected " + expected + ")", Suggestions.closest(entry.key(), format.optionNames()));
                ok = false;
                continue;
            }
            Object value = option.read(entry.value(), optionPath, context.reader);
            if (value == null) {
                ok = false;
            } else {
                options.put(entry.key(), value);
            }
        }
        if (!ok) {
            return null;
        }
        boolean[] valid = {true};
        format.validate(options, (key, message) -> {
            context.reader.problem(map.get(key).mark(), path + "." + key, message);
            valid[0] = false;
        });
        return valid[0] ? new TokenProfile(name, kind, options, context.location(node.mark(), path)) : null;
    }
}
