package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The key provider: today {@code local}, a keyring file sealed under a master key read from
 * {@code masterKeyFile} when given, else from {@code VEIL_MASTER_KEY}, as the {@code veil keys}
 * commands do.
 */
public record KeysConfig(String provider, Path keyring, Optional<Path> masterKeyFile) {

    /** The one provider there is today. */
    public static final String LOCAL = "local";

    public KeysConfig {
        requireNonNull(provider, "provider");
        requireNonNull(keyring, "keyring");
        requireNonNull(masterKeyFile, "masterKeyFile");
    }
}
