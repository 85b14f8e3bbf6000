package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.token.Base62;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Random identifiers Veil hands out: 128 bits in base 62 behind a short prefix, e.g. {@code t_4Fz…}. */
public final class VeilIds {

    /** Prefix of Veil ticket ids. */
    public static final String TICKET = "t_";
    /** Prefix of outbox message ids (sent to the CRM as {@code webhook-id}). */
    public static final String MESSAGE = "msg_";

    private static final Pattern TICKET_ID = Pattern.compile("t_[0-9A-Za-z]{22}");

    private VeilIds() {
    }

    /** A new id: {@code prefix} and 128 random bits in base 62. */
    public static String next(String prefix, SecureRandom random) {
        requireNonNull(prefix, "prefix");
        requireNonNull(random, "random");
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        return prefix + Base62.encode(bits);
    }

    /** Whether {@code id} has the shape of a Veil ticket id. */
    public static boolean isTicketId(String id) {
        return id != null && TICKET_ID.matcher(id).matches();
    }
}
