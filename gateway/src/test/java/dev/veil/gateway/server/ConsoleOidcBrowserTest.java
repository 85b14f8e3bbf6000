package dev.veil.gateway.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Signing in to the expert console with OpenID Connect in a real browser: authorization code with
 * PKCE (S256) against an identity provider played by WireMock, which redirects back with a code and
 * issues an access token (a JWT the gateway verifies with the provider's JWKS) only to a token
 * request whose verifier hashes to the challenge the browser sent.
 */
@Timeout(90)
class ConsoleOidcBrowserTest {

    @RegisterExtension
    static final VeilServerExtension SERVER = VeilServerExtension.withConsoleOidc();

    @RegisterExtension
    static final HeadlessChromium BROWSER = HeadlessChromium.perClass();

    @Test
    void anExpertSignsInWithAuthorizationCodeAndPkceAndTheCodeNeverStaysInTheAddressBar() throws Exception {
        SERVER.registerExpert("ui-oidc", 2);
        String accessToken = SERVER.expertToken("ui-oidc");
        SERVER.jwks().stubFor(get(urlPathEqualTo("/authorize")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "{{{request.query.redirect_uri}}}?code=e2e-code&state={{{request.query.state}}}")
                .withTransformers("response-template")));
        SERVER.jwks().stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Access-Control-Allow-Origin", SERVER.publicUrl().toString())
                .withBody("{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":600}")));
        ChromeDriver page = BROWSER.driver();

        page.get(SERVER.publicUrl() + "/app/");
        BROWSER.await(By.id("oidc-sign-in")).click();
        BROWSER.awaitText(By.id("who"), "ui-oidc");
        BROWSER.await(By.id("refresh-offers"));
        assertThat(page.getCurrentUrl()).isEqualTo(SERVER.publicUrl() + "/app/");
        assertThat(BROWSER.storage()).isEqualTo("{\"local\":{},\"session\":{},\"cookies\":\"\"}");

        List<LoggedRequest> authorize = SERVER.jwks().findAll(getRequestedFor(urlPathEqualTo("/authorize")));
        assertThat(authorize).hasSize(1);
        Map<String, String> asked = form(authorize.get(0).getUrl().substring(authorize.get(0).getUrl().indexOf('?') + 1));
        assertThat(asked).containsEntry("response_type", "code").containsEntry("client_id", VeilServerExtension.CONSOLE_CLIENT)
                .containsEntry("redirect_uri", SERVER.publicUrl() + "/app/").containsEntry("code_challenge_method", "S256")
                .containsEntry("scope", "openid veil");
        assertThat(asked.get("state")).matches("[A-Za-z0-9_-]{20,}");
        List<LoggedRequest> token = SERVER.jwks().findAll(postRequestedFor(urlPathEqualTo("/token")));
        assertThat(token).hasSize(1);
        Map<String, String> exchanged = form(token.get(0).getBodyAsString());
        assertThat(exchanged).containsEntry("grant_type", "authorization_code").containsEntry("code", "e2e-code")
                .containsEntry("client_id", VeilServerExtension.CONSOLE_CLIENT).containsEntry("redirect_uri", SERVER.publicUrl() + "/app/")
                .doesNotContainKey("client_secret");
        String verifier = exchanged.get("code_verifier");
        assertThat(verifier).matches("[A-Za-z0-9_-]{43,128}");
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        assertThat(asked.get("code_challenge")).isEqualTo(challenge);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
