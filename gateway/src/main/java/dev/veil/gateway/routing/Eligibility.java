package dev.veil.gateway.routing;

import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.gateway.routing.model.ExpertProfile;
import dev.veil.gateway.routing.model.PushOffer;
import dev.veil.gateway.routing.model.Rule;
import dev.veil.gateway.routing.model.RuleResult;
import dev.veil.gateway.routing.model.ScoreSummary;
import dev.veil.gateway.routing.model.TicketAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The eligibility rules, checked one way for every caller: the offer list, claims, the push
 * dispatcher and the admin explanation all evaluate {@link #passes}.
 */
final class Eligibility {

    private static final Rule[] ALL = Rule.values();
    /** Rules that depend on the expert and brand only, checked once per brand on the offer path. */
    static final Rule[] EXPERT_RULES = {Rule.BRAND_CONFIGURED, Rule.CERTIFIED, Rule.CERTIFICATION_CURRENT,
        Rule.NOT_REMOVED, Rule.NOT_SUSPENDED, Rule.ONLINE, Rule.RATING, Rule.QUALITY, Rule.CAPACITY};

    private Eligibility() {
    }

    /** Whether the expert may be offered and may take the ticket now. */
    static boolean eligible(Expert e, RoutedTicket t, RoutingSettings s, Instant now) {
        return firstFailure(e, t, s, now) == null;
    }

    /** The first rule that fails, or {@code null} when all pass. */
    static Rule firstFailure(Expert e, RoutedTicket t, RoutingSettings s, Instant now) {
        ExpertProfile p = e.profile();
        for (Rule r : ALL) {
            if (!passes(r, e, p, t, t.brand(), s, now)) {
                return r;
            }
        }
        return null;
    }

    /** Whether the expert passes every rule that does not depend on a particular ticket. */
    static boolean admissible(Expert e, ExpertProfile p, String brand, RoutingSettings s, Instant now) {
        for (Rule r : EXPERT_RULES) {
            if (!passes(r, e, p, null, brand, s, now)) {
                return false;
            }
        }
        return true;
    }

    /** Every rule with its result and an operator-facing detail. */
    static List<RuleResult> explain(Expert e, RoutedTicket t, RoutingSettings s, Instant now) {
        ExpertProfile p = e.profile();
        List<RuleResult> out = new ArrayList<>(ALL.length);
        for (Rule r : ALL) {
            boolean ok = passes(r, e, p, t, t.brand(), s, now);
            out.add(new RuleResult(r, ok, detail(r, ok, e, p, t, t.brand(), s, now)));
        }
        return out;
    }

    /** The {@link #EXPERT_RULES} for one brand, with details, without a ticket. */
    static List<RuleResult> gates(Expert e, String brand, RoutingSettings s, Instant now) {
        ExpertProfile p = e.profile();
        List<RuleResult> out = new ArrayList<>(EXPERT_RULES.length);
        for (Rule r : EXPERT_RULES) {
            boolean ok = passes(r, e, p, null, brand, s, now);
            out.add(new RuleResult(r, ok, detail(r, ok, e, p, null, brand, s, now)));
        }
        return out;
    }

    static boolean holdsSlot(Expert e, RoutedTicket t) {
        PushOffer o = t == null ? null : t.offer();
        return o != null && o.expertId().equals(e.id);
    }

    /** How long the ticket must wait before the expert meets its skill levels, or {@link Widening#NEVER}. */
    static long skillWaitMillis(ExpertProfile p, TicketAttributes a, RoutingSettings s) {
        return Widening.minWaitMillis(p.skills(), a.requiredSkills(), a.preferredSkills(), s.widening());
    }

    /** The minimum wait imposed by the brand's handpicked window on this expert. */
    static long handpickedWaitMillis(String expertId, RoutingSettings s) {
        if (s.handpickedWindow().isZero() || s.handpicked().isEmpty() || s.handpicked().contains(expertId)) {
            return 0;
        }
        return s.handpickedWindow().toMillis();
    }

    /** Whether one rule passes; {@code t} may be null for the rules in {@link #EXPERT_RULES}. */
    static boolean passes(Rule r, Expert e, ExpertProfile p, RoutedTicket t, String brand, RoutingSettings s,
            Instant now) {
        switch (r) {
            case BRAND_CONFIGURED:
                return s != null;
            case CERTIFIED:
                return p.certifications().containsKey(brand);
            case CERTIFICATION_CURRENT: {
                Instant expiry = p.certifications().get(brand);
                return expiry != null && now.isBefore(expiry);
            }
            case NOT_REMOVED:
                return s != null && !s.removed().contains(e.id);
            case NOT_SUSPENDED:
                return !e.suspended();
            case ONLINE:
                return e.online();
            case RATING:
                return s != null && !Gates.closed(e.ratingBlocked(brand), e.rating(), s.minRatings(),
                        s.minRating(), s.hysteresis());
            case QUALITY:
                return s != null && !Gates.closed(e.qualityBlocked(brand), e.quality(), s.minQualityReviews(),
                        s.minQuality(), s.hysteresis());
            case CAPACITY:
                return holdsSlot(e, t) || e.slotsInUse() < p.capacity();
            case LANGUAGE:
                return p.languages().contains(t.attrs.language());
            case REQUIRED_SKILLS:
                return p.skills().keySet().containsAll(t.attrs.requiredSkills().keySet());
            case SKILL_LEVELS: {
                if (s == null) {
                    return false;
                }
                long wait = skillWaitMillis(p, t.attrs, s);
                return wait != Widening.NEVER && waited(t, now) >= wait;
            }
            case HANDPICKED_WINDOW:
                return s != null && waited(t, now) >= handpickedWaitMillis(e.id, s);
            case COOLDOWN:
                return !t.coolingDown(e.id, now);
            case AVAILABLE: {
                PushOffer o = t.offer();
                return !t.closed() && t.claim() == null && (o == null || o.expertId().equals(e.id));
            }
            default:
                throw new IllegalStateException("rule: " + r);
        }
    }

    private static long waited(RoutedTicket t, Instant now) {
        return now.toEpochMilli() - t.enqueuedMillis;
    }

    private static String detail(Rule r, boolean ok, Expert e, ExpertProfile p, RoutedTicket t, String brand,
            RoutingSettings s, Instant now) {
        if (s == null && r != Rule.CERTIFIED && r != Rule.CERTIFICATION_CURRENT && r != Rule.NOT_SUSPENDED
                && r != Rule.ONLINE && r != Rule.CAPACITY && r != Rule.LANGUAGE && r != Rule.REQUIRED_SKILLS
                && r != Rule.COOLDOWN && r != Rule.AVAILABLE) {
            return "brand " + brand + " has no routing settings";
        }
        TicketAttributes a = t == null ? null : t.attrs; // null only for the expert rules, which never read it
        switch (r) {
            case BRAND_CONFIGURED:
                return "brand " + brand + " has routing settings (mode " + s.mode().name().toLowerCase() + ")";
            case CERTIFIED:
                return ok ? "certified for " + brand : "not certified for " + brand;
            case CERTIFICATION_CURRENT: {
                Instant expiry = p.certifications().get(brand);
                if (expiry == null) {
                    return "no certification for " + brand;
                }
                return (ok ? "valid until " : "expired at ") + expiry;
            }
            case NOT_REMOVED:
                return ok ? "not on " + brand + "'s removed list" : "on " + brand + "'s removed list";
            case NOT_SUSPENDED:
                return ok ? "not suspended" : "suspended";
            case ONLINE:
                return ok ? "online" : "offline";
            case RATING:
                return gateDetail("rating", e.rating(), e.ratingBlocked(brand), s.minRatings(), s.minRating(),
                        s.hysteresis(), ok);
            case QUALITY:
                return gateDetail("quality score", e.quality(), e.qualityBlocked(brand), s.minQualityReviews(),
                        s.minQuality(), s.hysteresis(), ok);
            case CAPACITY:
                if (holdsSlot(e, t)) {
                    return "slot already reserved by the push offer (" + e.slotsInUse() + " of " + p.capacity() + " in use)";
                }
                return e.slotsInUse() + " of " + p.capacity() + " slots in use";
            case LANGUAGE:
                return "ticket language " + a.language() + "; expert speaks " + new TreeSet<>(p.languages());
            case REQUIRED_SKILLS: {
                TreeSet<String> missing = new TreeSet<>(a.requiredSkills().keySet());
                missing.removeAll(p.skills().keySet());
                return "needs " + new TreeSet<>(a.requiredSkills().keySet())
                        + (missing.isEmpty() ? "; has all" : "; missing " + missing);
            }
            case SKILL_LEVELS:
                return levelDetail(p, t, s, now, ok);
            case HANDPICKED_WINDOW: {
                long hw = handpickedWaitMillis(e.id, s);
                if (s.handpickedWindow().isZero() || s.handpicked().isEmpty()) {
                    return "brand has no handpicked window";
                }
                if (hw == 0) {
                    return "handpicked by " + brand;
                }
                return "first " + fmt(s.handpickedWindow()) + " reserved for handpicked experts; ticket waited "
                        + fmt(Duration.ofMillis(waited(t, now)));
            }
            case COOLDOWN: {
                if (ok) {
                    return "no cooldown";
                }
                return "not offered again until " + t.cooldownUntil(e.id) + " after a timeout or rejection";
            }
            case AVAILABLE: {
                if (t.closed()) {
                    return "ticket closed";
                }
                if (t.claim() != null) {
                    return t.claim().expertId().equals(e.id) ? "already claimed by this expert" : "claimed by another expert";
                }
                PushOffer o = t.offer();
                if (o != null) {
                    return o.expertId().equals(e.id) ? "offered to this expert until " + o.expiresAt()
                            : "offered to another expert until " + o.expiresAt();
                }
                return "open";
            }
            default:
                throw new IllegalStateException("rule: " + r);
        }
    }

    private static String gateDetail(String name, ScoreSummary score, boolean wasClosed, int minSamples, int min,
            int hysteresis, boolean ok) {
        if (score.count() == 0 || score.count() < minSamples) {
            return name + " " + score + "; gate applies from " + Math.max(1, minSamples) + " scores";
        }
        String avg = score.average().orElseThrow().toPlainString();
        if (wasClosed) {
            int bar = Math.min(100, min + hysteresis);
            return name + " " + avg + " over " + score.count() + "; gate was closed, reopens at " + bar
                    + " (minimum " + min + " + hysteresis " + hysteresis + ")" + (ok ? ": reopened" : "");
        }
        return name + " " + avg + " over " + score.count() + (ok ? " >= " : " < ") + "minimum " + min;
    }

    private static String levelDetail(ExpertProfile p, RoutedTicket t, RoutingSettings s, Instant now, boolean ok) {
        TicketAttributes a = t == null ? null : t.attrs; // null only for the expert rules, which never read it
        long waited = waited(t, now);
        long need = skillWaitMillis(p, a, s);
        String wants = "required " + levels(a.requiredSkills()) + ", preferred " + levels(a.preferredSkills())
                + "; expert has " + levels(p.skills()) + "; ticket waited " + fmt(Duration.ofMillis(waited))
                + " (" + Widening.stateAt(waited, s.widening()) + ")";
        if (need == Widening.NEVER) {
            return "not met at any widening step: " + wants;
        }
        if (ok) {
            return (need == 0 ? "met without widening: " : "met after " + fmt(Duration.ofMillis(need)) + " of widening: ") + wants;
        }
        return "met once the ticket has waited " + fmt(Duration.ofMillis(need)) + ": " + wants;
    }

    private static String levels(Map<String, Integer> levels) {
        if (levels.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(levels).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('>').append('=').append(v));
        return "[" + sb + "]";
    }

    private static String fmt(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
        }
        return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : ((s % 3600) / 60) + "m");
    }
}
