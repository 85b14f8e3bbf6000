package dev.veil.policy.model;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.detect.PiiType;
import java.util.List;
import java.util.Map;

/**
 * A policy's {@code defaults}: what happens to values no rule names, which PII types {@code scan}
 * looks for and how it replaces each (with where each was written), and whether known values
 * propagate into free text, and what happens to personal data an expert writes in a reply.
 */
public record Defaults(UnknownFields unknownFields, List<PiiType> scan, Map<PiiType, Treatment> scanActions, boolean propagate,
        Map<PiiType, Location> scanAt, Replies replies, PiiKeys piiKeys, OnEncoded onEncoded) {

    public Defaults {
        requireNonNull(unknownFields, "unknownFields");
        requireNonNull(replies, "replies");
        requireNonNull(piiKeys, "piiKeys");
        requireNonNull(onEncoded, "onEncoded");
        scan = List.copyOf(scan);
        scanActions = Map.copyOf(scanActions);
        scanAt = Map.copyOf(scanAt);
    }

    /** The defaults with the safe choices for member names that hold personal data and for encoded blobs. */
    public Defaults(UnknownFields unknownFields, List<PiiType> scan, Map<PiiType, Treatment> scanActions, boolean propagate,
            Map<PiiType, Location> scanAt, Replies replies) {
        this(unknownFields, scan, scanActions, propagate, scanAt, replies, PiiKeys.DROP, OnEncoded.KEEP);
    }

    /** Where {@code type}'s scan action was written, or else where the type was listed. */
    public Location scanLocation(PiiType type) {
        return scanAt.get(type);
    }

    /** What happens to values no rule names; both keep the value from experts. */
    public enum UnknownFields {
        /** The member or element is removed. */
        DROP,
        /** The member stays, its value replaced by a placeholder, so experts see that something was there. */
        REDACT
    }

    /** What happens to an object member whose name holds personal data ({@code pii_keys}). */
    public enum PiiKeys {
        /** The member goes, value and all (default). */
        DROP,
        /** The name's personal data is replaced as {@code scan_actions} says; the value is treated as any other. */
        REPLACE
    }

    /** What {@code scan} does with base64 blobs in free text ({@code on_encoded}); they are never decoded. */
    public enum OnEncoded {
        /** Left as they are (default). */
        KEEP,
        /** Each blob is replaced by {@code [ENCODED]}; a value that is one blob is dropped. */
        DROP
    }

    /** What the gateway does with personal data that {@code scan} finds in an expert's reply. */
    public enum Replies {
        /** Each finding is replaced as {@code scan_actions} says, and the reply goes out. */
        REPLACE,
        /** The reply is refused whole, naming the types found; the expert rewrites it. */
        REFUSE
    }
}
