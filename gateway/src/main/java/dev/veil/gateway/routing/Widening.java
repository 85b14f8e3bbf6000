package dev.veil.gateway.routing;

import dev.veil.gateway.routing.config.WideningStep;
import java.util.List;
import java.util.Map;

/**
 * The widening ladder: a ticket's optional requirements (preferred skills, required levels
 * above 1) hold at first and are relaxed step by step as it waits. Required skills themselves
 * are never dropped.
 */
final class Widening {

    /** Returned by {@link #minWaitMillis} when no step of the ladder lets the expert in. */
    static final long NEVER = -1;

    private Widening() {
    }

    /**
     * How long a ticket must have waited before an expert with {@code skills} meets its
     * requirements, or {@link #NEVER}.
     */
    static long minWaitMillis(Map<String, Integer> skills, Map<String, Integer> required,
            Map<String, Integer> preferred, List<WideningStep> steps) {
        if (meets(skills, required, preferred, false, 0)) {
            return 0;
        }
        boolean drop = false;
        int lower = 0;
        for (int i = 0; i < steps.size(); i++) {
            WideningStep step = steps.get(i);
            drop |= step.dropPreferredSkills();
            lower = Math.max(lower, step.lowerLevelsBy());
            if (meets(skills, required, preferred, drop, lower)) {
                return step.after().toMillis();
            }
        }
        return NEVER;
    }

    /** Whether {@code skills} meet the requirements with preferred skills dropped or not and levels lowered by {@code lower}. */
    static boolean meets(Map<String, Integer> skills, Map<String, Integer> required,
            Map<String, Integer> preferred, boolean dropPreferred, int lower) {
        if (!covers(skills, required, lower)) {
            return false;
        }
        return dropPreferred || covers(skills, preferred, lower);
    }

    /** The steps in force after waiting {@code waitedMillis}, described for an operator. */
    static String stateAt(long waitedMillis, List<WideningStep> steps) {
        boolean drop = false;
        int lower = 0;
        for (WideningStep step : steps) {
            if (step.after().toMillis() <= waitedMillis) {
                drop |= step.dropPreferredSkills();
                lower = Math.max(lower, step.lowerLevelsBy());
            }
        }
        if (!drop && lower == 0) {
            return "no relaxation yet";
        }
        return (drop ? "preferred skills dropped" : "preferred skills held") + ", levels lowered by " + lower;
    }

    private static boolean covers(Map<String, Integer> skills, Map<String, Integer> wanted, int lower) {
        if (wanted.isEmpty()) {
            return true;
        }
        for (Map.Entry<String, Integer> w : wanted.entrySet()) {
            Integer have = skills.get(w.getKey());
            if (have == null || have < Math.max(1, w.getValue() - lower)) {
                return false;
            }
        }
        return true;
    }
}
