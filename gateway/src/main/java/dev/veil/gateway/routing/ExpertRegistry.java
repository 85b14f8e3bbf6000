package dev.veil.gateway.routing;

import dev.veil.gateway.routing.model.ExpertProfile;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** All known experts, by id and by the brands they are certified for. */
final class ExpertRegistry {

    private final Map<String, Expert> experts = new ConcurrentHashMap<>();
    private final Map<String, Set<Expert>> byBrand = new ConcurrentHashMap<>();

    Expert get(String expertId) {
        return experts.get(expertId);
    }

    Collection<Expert> all() {
        return experts.values();
    }

    /** Experts holding a certification (current or expired) for the brand. */
    Set<Expert> forBrand(String brand) {
        Set<Expert> s = byBrand.get(brand);
        return s == null ? Set.of() : s;
    }

    /** Adds an expert or replaces its profile, keeping the brand index in step. */
    synchronized Expert upsert(ExpertProfile profile, int ratingWindow, int qualityWindow) {
        Expert e = experts.get(profile.expertId());
        if (e == null) {
            e = new Expert(profile, ratingWindow, qualityWindow);
            experts.put(e.id, e);
        } else {
            for (String brand : e.profile().certifications().keySet()) {
                Set<Expert> certified = byBrand.get(brand);
                if (certified != null && !profile.certifications().containsKey(brand)) {
                    certified.remove(e);
                }
            }
            e.profile(profile);
        }
        for (String brand : profile.certifications().keySet()) {
            byBrand.computeIfAbsent(brand, k -> ConcurrentHashMap.newKeySet()).add(e);
        }
        return e;
    }
}
