package dev.veil.gateway.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.gateway.core.Brands;
import dev.veil.gateway.http.HttpException;
import dev.veil.gateway.routing.model.ExpertProfile;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@code PUT /v1/admin/experts/{id}} body into an {@link ExpertProfile}, strictly: every
 * member required, no unknown members, certified brands configured, skill levels integers 1 to 5,
 * bounded sizes. Every failure is 400 {@code invalid_expert} naming the member of the schema and
 * what was expected, never the value sent or an unknown member's name.
 */
final class ExpertBodies {

    static final int MAX_BRANDS = 64;
    static final int MAX_SKILLS = 64;
    static final int MAX_LANGUAGES = 16;
    static final int MAX_LEVEL = 5;

    private static final Set<String> MEMBERS = Set.of("certifications", "skills", "languages", "capacity");
    private static final Pattern BRAND = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern SKILL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    private ExpertBodies() {}

    static ExpertProfile profile(String expertId, JsonNode body, Brands brands) {
        if (!body.isObject()) {
            throw invalid("the body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            if (!MEMBERS.contains(names.next())) {
                throw invalid("the body has a member the expert schema does not know (expected: certifications, skills, languages, capacity)");
            }
        }
        ExpertProfile.Builder b = ExpertProfile.builder(expertId);
        JsonNode certifications = required(body, "certifications");
        if (!certifications.isObject() || certifications.size() > MAX_BRANDS) {
            throw invalid("certifications: expected an object of at most " + MAX_BRANDS + " brands, each with an expiry instant");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = certifications.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!BRAND.matcher(e.getKey()).matches() || brands.find(e.getKey()).isEmpty()) {
                throw invalid("certifications: names a brand that is not configured");
            }
            b.certify(e.getKey(), expiry(e.getValue()));
        }
        JsonNode skills = required(body, "skills");
        if (!skills.isObject() || skills.size() > MAX_SKILLS) {
            throw invalid("skills: expected an object of at most " + MAX_SKILLS + " skills, each with a level");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = skills.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!SKILL.matcher(e.getKey()).matches()) {
                throw invalid("skills: a skill name is not valid (expected: 1 to 64 of a-z 0-9 _ -)");
            }
            JsonNode level = e.getValue();
            if (!level.isIntegralNumber() || !level.canConvertToInt() || level.intValue() < 1 || level.intValue() > MAX_LEVEL) {
                throw invalid("skills: a level is not valid (expected: an integer from 1 to " + MAX_LEVEL + ")");
            }
            b.skill(e.getKey(), level.intValue());
        }
        JsonNode languages = required(body, "languages");
        if (!languages.isArray() || languages.isEmpty() || languages.size() > MAX_LANGUAGES) {
            throw invalid("languages: expected an array of 1 to " + MAX_LANGUAGES + " language codes");
        }
        for (JsonNode language : languages) {
            if (!language.isTextual() || !LANGUAGE.matcher(language.textValue()).matches()) {
                throw invalid("languages: a language code is not valid (expected: 2 or 3 lower-case letters, e.g. en)");
            }
            b.language(language.textValue());
        }
        JsonNode capacity = required(body, "capacity");
        if (!capacity.isIntegralNumber() || !capacity.canConvertToInt()
                || capacity.intValue() < 1 || capacity.intValue() > ExpertProfile.MAX_CAPACITY) {
            throw invalid("capacity: expected an integer from 1 to " + ExpertProfile.MAX_CAPACITY);
        }
        b.capacity(capacity.intValue());
        try {
            return b.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            // routing's own checks; its messages never echo values, but ours are the contract
            throw invalid("the profile is not valid for routing");
        }
    }

    private static JsonNode required(JsonNode body, String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            throw invalid(name + ": required");
        }
        return node;
    }

    private static Instant expiry(JsonNode node) {
        if (node.isTextual()) {
            try {
                return Instant.parse(node.textValue());
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        throw invalid("certifications: an expiry is not valid (expected: ISO-8601 UTC such as 2027-03-01T00:00:00Z)");
    }

    private static HttpException invalid(String detail) {
        return AdminErrors.badRequest(AdminErrors.INVALID_EXPERT, detail);
    }
}
