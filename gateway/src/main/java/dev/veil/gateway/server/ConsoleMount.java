package dev.veil.gateway.server;

import dev.veil.gateway.auth.DevIdentityProvider;
import dev.veil.gateway.config.ConsoleConfig;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.console.ConsoleAssets;
import dev.veil.gateway.console.ConsoleRoutes;
import dev.veil.gateway.console.SecurityHeaders;
import dev.veil.gateway.http.Routes;
import java.util.List;
import java.util.Optional;

/** Puts the web console on the listeners: the expert console on the public one, the security team's pages on the admin one. */
final class ConsoleMount {

    private ConsoleMount() {}

    /** The expert console's routes, or none when {@code console.enabled} is false. */
    static Routes expert(VeilConfig config, ConsoleAssets assets, DevIdentityProvider devIdentity) {
        ConsoleConfig console = config.console();
        if (!console.enabled()) {
            return Routes.builder().build();
        }
        SecurityHeaders headers = SecurityHeaders.of(console.oidc().map(ConsoleConfig.Oidc::tokenUrl),
                config.server().publicListener().tls().isPresent());
        ConsoleRoutes.SignIn signIn = new ConsoleRoutes.SignIn(console.oidc(), console.oidc().map(ConsoleConfig.Oidc::scope).orElse(""),
                devIdentity != null, false, devIdentity != null ? DevExperts.IDS : List.of());
        return ConsoleRoutes.of("app", assets, headers, signIn, devIdentity, Optional.empty());
    }

    /** The security team's pages, signed in with the admin token, an admin-scoped OIDC token or (dev mode) the dev sign-in. */
    static Routes admin(VeilConfig config, ConsoleAssets assets, DevIdentityProvider devIdentity) {
        ConsoleConfig console = config.console();
        if (!console.enabled()) {
            return Routes.builder().build();
        }
        Optional<String> adminScope = config.admin().adminScope();
        // the admin pages sign in with OIDC only when tokens can carry the admin scope
        Optional<ConsoleConfig.Oidc> oidc = adminScope.isPresent() ? console.oidc() : Optional.empty();
        SecurityHeaders headers = SecurityHeaders.of(oidc.map(ConsoleConfig.Oidc::tokenUrl), config.server().admin().tls().isPresent());
        String scope = oidc.map(o -> o.scope() + " " + adminScope.get()).orElse("");
        boolean dev = devIdentity != null && adminScope.isPresent();
        ConsoleRoutes.SignIn signIn = new ConsoleRoutes.SignIn(oidc, scope, dev, config.admin().tokenSha256().isPresent(), List.of());
        return ConsoleRoutes.of("admin", assets, headers, signIn, dev ? devIdentity : null, adminScope);
    }
}
