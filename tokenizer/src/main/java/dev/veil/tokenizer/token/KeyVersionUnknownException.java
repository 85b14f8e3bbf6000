package dev.veil.tokenizer.token;

import dev.veil.tokenizer.error.VeilException;
import java.util.List;

/**
 * A format-preserving token cannot be turned back because Veil cannot tell which key version made
 * it: decrypting under any other version would give a plausible but wrong value, so Veil refuses.
 * Codes: {@value #UNKNOWN} (no version recorded and none given), {@value #AMBIGUOUS} (two versions
 * gave this same token; the caller must say which), {@value #MISMATCH} (the version given is not the
 * one recorded). The detail names the key id and versions, never the token or the value.
 */
public final class KeyVersionUnknownException extends VeilException {

    /** No version is recorded for the token and the caller gave none. */
    public static final String UNKNOWN = "key_version_unknown";
    /** More than one version made this same token. */
    public static final String AMBIGUOUS = "key_version_ambiguous";
    /** The caller's version is not the one recorded for the token. */
    public static final String MISMATCH = "key_version_mismatch";

    private KeyVersionUnknownException(String code, String detail) {
        super(code, detail);
    }

    static KeyVersionUnknownException unknown(String keyId) {
        return new KeyVersionUnknownException(UNKNOWN, "key " + keyId + ": no key version is recorded for this token"
                + " (pass the version it was made with, e.g. --key-version N; Veil never guesses the current one)");
    }

    static KeyVersionUnknownException ambiguous(String keyId, List<Integer> recorded) {
        return new KeyVersionUnknownException(AMBIGUOUS, "key " + keyId + ": versions " + recorded
                + " each made this same token (pass the version it was made with, e.g. --key-version N)");
    }

    static KeyVersionUnknownException mismatch(String keyId, int given, List<Integer> recorded) {
        return new KeyVersionUnknownException(MISMATCH, "key " + keyId + ": version " + given
                + " was given but this token was made with version " + (recorded.size() == 1 ? recorded.get(0) : recorded)
                + " (refusing: the other version would give a wrong value)");
    }
}
