package dev.veil.gateway.routing.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What an expert is qualified for: brand certifications (each with an expiry), skills with
 * levels 1 to 5, languages, and how many tickets they may hold at once.
 */
public record ExpertProfile(
        String expertId,
        Map<String, Instant> certifications,
        Map<String, Integer> skills,
        Set<String> languages,
        int capacity) {

    /** Upper bound on concurrent claims per expert. */
    public static final int MAX_CAPACITY = 100;

    public ExpertProfile {
        Ids.id(expertId, "expertId");
        requireNonNull(certifications, "certifications");
        certifications.forEach((brand, expiry) -> {
            Ids.brand(brand);
            requireNonNull(expiry, "certification expiry");
        });
        certifications = Map.copyOf(certifications);
        skills = Ids.levels(skills, "skills");
        requireNonNull(languages, "languages");
        languages.forEach(Ids::language);
        languages = Set.copyOf(languages);
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: 1 to " + MAX_CAPACITY + ")");
        }
    }

    public static Builder builder(String expertId) {
        return new Builder(expertId);
    }

    /** Builds {@link ExpertProfile}; capacity 1 unless set. */
    public static final class Builder {
        private final String expertId;
        private final Map<String, Instant> certifications = new LinkedHashMap<>();
        private final Map<String, Integer> skills = new LinkedHashMap<>();
        private final Set<String> languages = new LinkedHashSet<>();
        private int capacity = 1;

        private Builder(String expertId) {
            this.expertId = requireNonNull(expertId, "expertId");
        }

        public Builder certify(String brand, Instant expiresAt) { certifications.put(brand, expiresAt); return this; }
        public Builder skill(String skill, int level) { skills.put(skill, level); return this; }
        public Builder language(String language) { languages.add(language); return this; }
        public Builder capacity(int v) { capacity = v; return this; }

        public ExpertProfile build() {
            return new ExpertProfile(expertId, certifications, skills, languages, capacity);
        }
    }
}
