package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.token.Base62;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Identifiers Veil hands out: 128 bits in base 62 behind a short prefix, e.g. {@code t_4Fz…}; random, or a time and 80 random bits. */
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

    /**
     * A new id that sorts after the ids made in earlier milliseconds: {@code prefix}, then in base 62
     * the 48-bit time {@code epochMilli} followed by 80 random bits (the same 22 characters as
     * {@link #next}). Why: the stores keep records in B-trees by id, and random ids put every new
     * record on a random page, which must be read back from the file (the cache holds a fraction
     * of a growing store) and rewritten by the next checkpoint; ids in time order fill the rightmost
     * pages, which stay in memory. 80 random bits keep ids unguessable and apart within a
     * millisecond; the id tells its creation time to the millisecond, which the ticket shows anyway.
     *
     * @throws IllegalArgumentException if {@code epochMilli} is negative or does not fit in 48 bits
     */
    public static String nextOrdered(String prefix, long epochMilli, SecureRandom random) {
        requireNonNull(prefix, "prefix");
        requireNonNull(random, "random");
        if (epochMilli < 0 || epochMilli >= 1L << 48) {
            throw new IllegalArgumentException("epochMilli: " + epochMilli + " (expected: 0 to 2^48 - 1)");
        }
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        for (int i = 0; i < 6; i++) {
            bits[i] = (byte) (epochMilli >>> (8 * (5 - i)));
        }
        return prefix + Base62.encode(bits);
    }

    /** Whether {@code id} has the shape of a Veil ticket id. */
    public static boolean isTicketId(String id) {
        return id != null && TICKET_ID.matcher(id).matches();
    }
}
