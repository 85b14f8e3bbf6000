package dev.veil.gateway.expert;

/**
 * Which policy view (tier) an expert reads a brand's tickets under, e.g. {@code senior}; {@code
 * null} or an unknown name means the base view, the policy's own rules. One method, so a map from
 * configuration or an identity-provider claim adapts in a line.
 */
@FunctionalInterface
public interface ExpertTiers {

    /** Everyone reads the base view. */
    ExpertTiers BASE = (expertId, brand) -> null;

    String viewFor(String expertId, String brand);
}
