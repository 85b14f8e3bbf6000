package dev.veil.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Set;

/** A separate process, as {@code veil dev token} will be: opens the dev IdP in a data dir and prints a token. */
public final class DevTokenMain {

    private DevTokenMain() {}

    public static void main(String[] args) {
        DevIdentityProvider idp = DevIdentityProvider.openOrCreate(Path.of(args[0]), Clock.systemUTC());
        System.out.println(idp.mint(args[1], Set.of("veil:expert"), Duration.ofMinutes(10)));
    }
}
