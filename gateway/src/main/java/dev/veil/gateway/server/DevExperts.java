package dev.veil.gateway.server;

import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.routing.model.ExpertProfile;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Dev mode's example experts, {@code exp-1} and {@code exp-2}: certified for every brand, English and Spanish, online. */
final class DevExperts {

    static final List<String> IDS = List.of("exp-1", "exp-2");

    private DevExperts() {}

    static void seed(RoutingService routing, Iterable<String> brands, Clock clock) {
        for (String id : IDS) {
            if (routing.expert(id).isPresent()) {
                continue; // a restart keeps what an admin changed
            }
            ExpertProfile.Builder profile = ExpertProfile.builder(id).language("en").language("es").capacity(3);
            for (String brand : brands) {
                profile.certify(brand, clock.instant().plus(Duration.ofDays(365)));
            }
            routing.upsertExpert(profile.build());
            routing.setOnline(id, true);
        }
    }
}
