package dev.veil.policy.format;

import dev.veil.policy.model.FormatKind;
import java.util.EnumMap;
import java.util.Map;

/** The registry of token formats a policy profile can name: an explicit map, one entry per {@link FormatKind}. */
public final class ProfileFormats {

    private static final Map<FormatKind, ProfileFormat> FORMATS = new EnumMap<>(FormatKind.class);

    static {
        register(new FpeDigitsProfile());
        register(new FpeAlnumProfile());
        register(new FpeCardProfile());
        register(new RandomProfile());
        register(new HashProfile());
        register(MaskProfile.INSTANCE);
        register(new RedactProfile());
        for (FormatKind kind : FormatKind.values()) {
            if (!FORMATS.containsKey(kind)) {
                throw new ExceptionInInitializerError("no profile format for " + kind);
            }
        }
    }

    private ProfileFormats() {}

    /** The format a profile with {@code format: kind} uses. */
    public static ProfileFormat of(FormatKind kind) {
        return FORMATS.get(java.util.Objects.requireNonNull(kind, "kind"));
    }

    private static void register(ProfileFormat format) {
        FORMATS.put(format.kind(), format);
    }
}
