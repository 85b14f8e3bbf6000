package dev.veil.tokenizer.token;

import static java.util.Objects.requireNonNull;

/** The Luhn (mod 10) checksum used by payment card numbers. */
public final class Luhn {

    // DOUBLED[d] is the Luhn contribution of digit d in a doubled position (2d, minus 9 above 9).
    private static final int[] DOUBLED = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};

    private Luhn() {}

    /** Whether {@code digits} (ASCII 0-9 only, at least two) passes the Luhn check. */
    public static boolean isValid(CharSequence digits) {
        requireNonNull(digits, "digits");
        if (digits.length() < 2) {
            return false;
        }
        int sum = 0;
        for (int i = digits.length() - 1, fromRight = 0; i >= 0; i--, fromRight++) {
            sum += contribution(digitAt(digits, i), fromRight);
        }
        return sum % 10 == 0;
    }

    /** The check digit (0-9) that makes {@code payload} followed by it pass the Luhn check. */
    public static int checkDigit(CharSequence payload) {
        requireNonNull(payload, "payload");
        if (payload.isEmpty()) {
            throw new IllegalArgumentException("payload: empty (expected: at least one digit)");
        }
        int sum = 0;
        // The check digit will take position 0 from the right, so the payload starts at 1.
        for (int i = payload.length() - 1, fromRight = 1; i >= 0; i--, fromRight++) {
            sum += contribution(digitAt(payload, i), fromRight);
        }
        return (10 - sum % 10) % 10;
    }

    /** The Luhn sum modulo 10 of the first {@code length} digit values in {@code digits}. */
    static int residue(byte[] digits, int length) {
        int sum = 0;
        for (int i = length - 1, fromRight = 0; i >= 0; i--, fromRight++) {
            sum += contribution(digits[i], fromRight);
        }
        return sum % 10;
    }

    /** The Luhn contribution of digit {@code d} at position {@code fromRight} (0 = last digit). */
    static int contribution(int d, int fromRight) {
        return (fromRight & 1) == 0 ? d : DOUBLED[d];
    }

    /** The digit whose contribution at position {@code fromRight} is {@code target} modulo 10. */
    static int digitFor(int target, int fromRight) {
        int t = Math.floorMod(target, 10);
        if ((fromRight & 1) == 0) {
            return t;
        }
        for (int d = 0; d < 10; d++) {
            if (DOUBLED[d] == t) {
                return d;
            }
        }
        throw new AssertionError("doubling is a bijection on 0-9");
    }

    private static int digitAt(CharSequence s, int i) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
            throw new IllegalArgumentException("digits: character at index " + i + " is not 0-9");
        }
        return c - '0';
    }
}
