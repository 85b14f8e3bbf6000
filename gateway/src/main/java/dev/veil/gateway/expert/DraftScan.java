package dev.veil.gateway.expert;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the gateway's reply scan finds in a draft, by type and position (UTF-16 offsets, as in
 * JavaScript strings) and never by value: {@code replies} is the policy's choice ({@code replace}
 * or {@code refuse}) and {@code sendable} whether the draft would be accepted as it stands.
 */
public record DraftScan(String replies, boolean sendable, List<Finding> findings) {

    public static final String REPLACE = "replace";
    public static final String REFUSE = "refuse";

    public DraftScan {
        requireNonNull(replies, "replies");
        findings = List.copyOf(findings);
    }

    /** One finding: its PII type and where it is in the draft. */
    public record Finding(String type, int start, int end) {
        public Finding {
            requireNonNull(type, "type");
        }
    }
}
