package dev.veil.tokenizer.vault.hashicorp;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * How Veil logs in to Vault: a token (renewed while renewable; it cannot log in again), AppRole
 * (role id and secret id) or Kubernetes (the pod's service account JWT, read from a file at each
 * login). {@link #toString()} never shows a secret.
 */
public sealed interface VaultAuth {

    /** Whether this method can log in again (after a 403 from an expired token, or at expiry). */
    boolean canLogIn();

    /** A fixed Vault token. */
    record Token(String token) implements VaultAuth {
        public Token {
            requireNonNull(token, "token");
        }

        @Override public boolean canLogIn() { return false; }

        @Override public String toString() { return "Token[***]"; }
    }

    /** AppRole login at {@code auth/<mount>/login}. */
    record AppRole(String mount, String roleId, String secretId) implements VaultAuth {
        public AppRole {
            requireNonNull(mount, "mount");
            requireNonNull(roleId, "roleId");
            requireNonNull(secretId, "secretId");
        }

        @Override public boolean canLogIn() { return true; }

        @Override public String toString() { return "AppRole[" + mount + ", ***]"; }
    }

    /** Kubernetes login at {@code auth/<mount>/login} with the JWT in {@code jwtFile}. */
    record Kubernetes(String mount, String role, Path jwtFile) implements VaultAuth {
        /** Where Kubernetes mounts a pod's service account token. */
        public static final Path DEFAULT_JWT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

        public Kubernetes {
            requireNonNull(mount, "mount");
            requireNonNull(role, "role");
            requireNonNull(jwtFile, "jwtFile");
        }

        @Override public boolean canLogIn() { return true; }
    }
}
