package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * For CRMs that cannot sign (Salesforce Outbound Messages, Freshdesk automation webhooks): the
 * delivery must carry a shared secret token, in the URL or in a custom header, compared in
 * constant time, and may also have to come over mutual TLS with a given client certificate
 * subject. A delivery is named by its content; the caller may name it better (Salesforce's
 * notification ids).
 */
public final class SharedTokenCheck implements WebhookVerifier {

    private final List<SharedSecret> tokens;
    private final String header;
    private final String clientSubject;

    private SharedTokenCheck(List<SharedSecret> tokens, String header, String clientSubject) {
        this.tokens = tokens;
        this.header = header;
        this.clientSubject = clientSubject;
    }

    /**
     * A check of the token (from {@code header} when given, else from the URL) and, when {@code
     * clientSubject} is given, of the client certificate's subject. At least one of the two is required.
     */
    public static SharedTokenCheck of(List<SharedSecret> tokens, Optional<String> header, Optional<String> clientSubject) {
        requireNonNull(tokens, "tokens");
        requireNonNull(header, "header");
        requireNonNull(clientSubject, "clientSubject");
        if (tokens.isEmpty() && clientSubject.isEmpty()) {
            throw AuthException.badSecret("unsigned intake without a token or a client certificate (expected: at least one)");
        }
        return new SharedTokenCheck(List.copyOf(tokens), header.orElse(null), clientSubject.orElse(null));
    }

    @Override
    public Delivery verify(Headers headers, String pathToken, String peerSubject, byte[] body) {
        requireNonNull(body, "body");
        if (clientSubject != null && (peerSubject == null || !clientSubject.equals(peerSubject))) {
            throw AuthException.badSignature("expected a client certificate with the brand's configured subject (mutual TLS)");
        }
        if (!tokens.isEmpty()) {
            String offered = header != null ? headers.get(header) : pathToken;
            if (offered == null || offered.isBlank()) {
                throw AuthException.missingSignature(header != null ? "expected the header " + header : "expected the brand's token in the URL");
            }
            boolean matched = false;
            for (SharedSecret token : tokens) {
                matched |= token.matches(offered.trim());
            }
            if (!matched) {
                throw AuthException.badSignature(header != null ? header + ": not the brand's token" : "the URL's token is not the brand's");
            }
        }
        return new Delivery(WebhookVerifier.contentId("tk", body), null);
    }

    /** Whether the token travels in the URL (true) or in a header. */
    public boolean tokenInUrl() {
        return !tokens.isEmpty() && header == null;
    }
}
