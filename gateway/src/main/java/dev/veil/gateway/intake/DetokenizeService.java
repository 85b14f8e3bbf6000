package dev.veil.gateway.intake;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.core.Brand;
import dev.veil.gateway.core.Brands;
import dev.veil.gateway.core.GatewayException;
import dev.veil.gateway.core.PolicyFailures;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.CompiledProfile;
import dev.veil.policy.reveal.RevealedText;
import dev.veil.policy.reveal.Revealer;
import dev.veil.tokenizer.token.KeyVersionUnknownException;
import dev.veil.tokenizer.token.ReversibleTokenFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lets a brand turn its vaulted tokens back into values, as its policy's reveal rules allow for
 * the {@code crm} audience. Every call is recorded through {@link Audit} before any value is
 * returned; if the audit fails, nothing is revealed. Format-preserving tokens cannot be told
 * apart from values outside their field and stay unresolved. Experts have no path here.
 */
public final class DetokenizeService {

    /** The audience whose reveal rules apply. */
    public static final String AUDIENCE = "crm";
    /** Most tokens one call may ask for. */
    public static final int MAX_TOKENS = 1000;

    private static final Pattern VAULTED_BODY = Pattern.compile("[0-9A-Za-z]{22}");

    private final Brands brands;
    private final Audit audit;
    private final Clock clock;

    private DetokenizeService(Brands brands, Audit audit, Clock clock) {
        this.brands = brands;
        this.audit = audit;
        this.clock = clock;
    }

    public static DetokenizeService of(Brands brands, Audit audit, Clock clock) {
        return new DetokenizeService(requireNonNull(brands, "brands"), requireNonNull(audit, "audit"), requireNonNull(clock, "clock"));
    }

    /**
     * Reveals {@code tokens} of {@code brand} for the CRM, on behalf of {@code actor}.
     *
     * @throws GatewayException {@code unknown_brand}, {@code invalid_tokens}, {@code reveal_not_allowed},
     *     {@code vault_unavailable} or {@code audit_unavailable}
     */
    public DetokenizeResult detokenize(String brandName, String actor, List<String> tokens) {
        requireNonNull(actor, "actor");
        requireNonNull(tokens, "tokens");
        Brand brand = brands.require(brandName);
        if (tokens.isEmpty() || tokens.size() > MAX_TOKENS) {
            throw new GatewayException(GatewayException.INVALID_TOKENS, tokens.size() + " tokens (expected: 1 to " + MAX_TOKENS + ")");
        }
        CompiledPolicy policy = brand.policy().get();
        if (!policy.audiences().contains(AUDIENCE)) {
            throw new GatewayException(GatewayException.REVEAL_NOT_ALLOWED, "the brand's policy has no reveal rule for the crm audience");
        }
        Revealer revealer = Revealer.of(policy);
        Map<String, String> values = new LinkedHashMap<>();
        List<String> withheld = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token == null || token.length() > 256) {
                throw new GatewayException(GatewayException.INVALID_TOKENS, "tokens[" + i + "]: not a token");
            }
            if (!isVaulted(policy, token)) {
                formatPreserving(policy, token, values, withheld, unresolved);
                continue;
            }
            RevealedText r = PolicyFailures.run(() -> revealer.revealText(AUDIENCE, token));
            if (r.report().revealedTotal() == 1) {
                values.put(token, r.text());
            } else if (r.report().withheld() > 0) {
                withheld.add(token);
            } else {
                unresolved.add(token);
            }
        }
        try {
            audit.record(new Audit.Event(clock.instant(), actor, brand.name(), Audit.DETOKENIZE, tokens, values.size(), withheld.size(), unresolved.size()));
        } catch (RuntimeException e) {
            throw new GatewayException(GatewayException.AUDIT_UNAVAILABLE, "the audit log could not record the call; nothing was revealed");
        }
        return new DetokenizeResult(values, withheld, unresolved);
    }

    /**
     * A format-preserving token carries neither a prefix nor its profile, so each of the policy's FPE
     * profiles is asked: only the profile that made it has its key version recorded under that
     * profile's own index key, so the others refuse it ({@code key_version_unknown}) and never
     * produce a plausible wrong value. Found by exactly one profile: revealed if the policy lets
     * the CRM see that profile, else withheld; by none or several: unresolved.
     */
    private static void formatPreserving(CompiledPolicy policy, String token, Map<String, String> values,
            List<String> withheld, List<String> unresolved) {
        String value = null;
        String profile = null;
        int found = 0;
        for (CompiledProfile p : policy.profiles().values()) {
            if (!p.reversible() || p.prefix() != null || !(p.format() instanceof ReversibleTokenFormat fpe)) {
                continue;
            }
            try {
                String candidate = PolicyFailures.run(() -> {
                    try {
                        return fpe.detokenize(token, 0);
                    } catch (KeyVersionUnknownException e) {
                        return null; // no version recorded for it under this profile (or several): not resolved here
                    }
                });
                if (candidate != null) {
                    value = candidate;
                    profile = p.name();
                    found++;
                }
            } catch (GatewayException e) {
                if (!GatewayException.POLICY_REJECTED.equals(e.code())) {
                    throw e; // the vault or the index is down: fail closed
                }
                // not a token of this profile (no recorded version, or not its shape)
            }
        }
        if (found != 1) {
            unresolved.add(token);
        } else if (policy.revealable(AUDIENCE).contains(profile)) {
            values.put(token, value);
        } else {
            withheld.add(token);
        }
    }

    /** Whether {@code token} is, as a whole, a vaulted token of one of the policy's reversible prefixed profiles. */
    private static boolean isVaulted(CompiledPolicy policy, String token) {
        for (CompiledProfile p : policy.profiles().values()) {
            if (p.reversible() && p.prefix() != null && token.startsWith(p.prefix())
                    && VAULTED_BODY.matcher(token).region(p.prefix().length(), token.length()).matches()) {
                return true;
            }
        }
        return false;
    }
}
