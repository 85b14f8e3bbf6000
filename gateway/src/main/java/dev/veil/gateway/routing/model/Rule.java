package dev.veil.gateway.routing.model;

/** One eligibility rule, in the order they are checked and explained. */
public enum Rule {
    BRAND_CONFIGURED,
    CERTIFIED,
    CERTIFICATION_CURRENT,
    NOT_REMOVED,
    NOT_SUSPENDED,
    ONLINE,
    RATING,
    QUALITY,
    CAPACITY,
    LANGUAGE,
    REQUIRED_SKILLS,
    SKILL_LEVELS,
    HANDPICKED_WINDOW,
    COOLDOWN,
    AVAILABLE
}
