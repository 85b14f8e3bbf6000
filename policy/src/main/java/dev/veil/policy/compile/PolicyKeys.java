package dev.veil.policy.compile;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.model.Action;
import dev.veil.policy.model.DetectorSpec;
import dev.veil.policy.model.FieldRule;
import dev.veil.policy.model.PolicySpec;
import dev.veil.policy.model.TokenProfile;
import dev.veil.policy.model.Treatment;
import dev.veil.policy.model.View;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The keys a policy's tokens need, for {@code veil keys init --policy}: every key of every token
 * profile, and the default pseudonym key when a rule pseudonymizes without naming a profile.
 */
public final class PolicyKeys {

    private PolicyKeys() {}

    /** Every key id {@code spec} needs, sorted. */
    public static SortedSet<String> required(PolicySpec spec) {
        requireNonNull(spec, "spec");
        SortedSet<String> keyIds = new TreeSet<>();
        for (TokenProfile profile : spec.tokens().values()) {
            keyIds.addAll(TokenFormatFactory.keyIds(spec.brand(), profile));
        }
        if (treatments(spec).stream().anyMatch(PolicyKeys::usesDefaultPseudonym)) {
            keyIds.add(TokenFormatFactory.keyId(spec.brand(), PolicyCompiler.DEFAULT_PSEUDONYM_PROFILE));
        }
        return keyIds;
    }

    private static List<Treatment> treatments(PolicySpec spec) {
        List<Treatment> all = new ArrayList<>(spec.defaults().scanActions().values());
        spec.fields().stream().map(FieldRule::treatment).forEach(all::add);
        for (View view : spec.views().values()) {
            view.rules().stream().map(FieldRule::treatment).forEach(all::add);
        }
        spec.detectors().stream().map(DetectorSpec::treatment).forEach(all::add);
        return all;
    }

    private static boolean usesDefaultPseudonym(Treatment treatment) {
        return treatment != null && treatment.token() == null
                && (treatment.action() == Action.TOKENIZE || treatment.action() == Action.PSEUDONYMIZE);
    }
}
