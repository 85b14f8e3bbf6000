package dev.veil.gateway.expert;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What happened to an expert's reply: the outbox message id it leaves under (the CRM's {@code
 * webhook-id}), how many findings of each PII type were replaced, and how many quoted tokens were
 * revealed for the CRM and withheld by the reveal rules. Never the text.
 */
public record ReplyReceipt(String messageId, Map<String, Integer> replaced, int tokensRevealed, int tokensWithheld) {

    public ReplyReceipt {
        requireNonNull(messageId, "messageId");
        replaced = Map.copyOf(replaced);
    }
}
