package dev.veil.gateway.intake.crm;

import java.net.URI;

/** How Veil authenticates to one brand's CRM API: an {@code Authorization} value and the base URL calls go to. */
public interface CrmAuth {

    /** The current session; {@code renew} forces a new one (after a 401). */
    Session session(boolean renew);

    /** An {@code Authorization} header value and the API's base URL (Salesforce names its instance in the token answer). */
    record Session(String authorization, URI base) {}

    /** HTTP basic auth with a fixed user and password (Zendesk {@code email/token:apitoken}, Freshdesk {@code apikey:X}). */
    static CrmAuth basic(URI base, String user, String password) {
        String value = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Session session = new Session(value, base);
        return renew -> session;
    }
}
