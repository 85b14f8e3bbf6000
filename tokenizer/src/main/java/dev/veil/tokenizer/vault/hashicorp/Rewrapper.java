package dev.veil.tokenizer.vault.hashicorp;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.token.VaultedTokenFormat;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.StoredToken;
import io.github.jopenlibs.vault.json.JsonObject;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * Moves the vaulted tokens of a {@link VaultKvTokenStore} to the newest version of their keys (after
 * {@code veil keys rotate}), so that old versions can be retired. Works through the tokens in
 * sorted order and records a checkpoint (the last token done) in KV v2 at
 * {@code <kv>/data/<prefix>/rewrap/checkpoint} every {@value #CHECKPOINT_EVERY} tokens: a run that
 * crashes or is stopped resumes after the checkpoint. Each entry is replaced with check-and-set, so
 * a concurrent writer is never overwritten. Values are decrypted only in memory.
 */
public final class Rewrapper {

    /** How often the checkpoint is written. */
    public static final int CHECKPOINT_EVERY = 25;

    /** Where a run stands: tokens looked at, tokens moved, tokens in the store. */
    public record Progress(long done, long moved, long total) {
        /** Tokens still to look at. */
        public long remaining() {
            return Math.max(0, total - done);
        }
    }

    /** Told after every token. */
    @FunctionalInterface
    public interface Listener {
        void progress(Progress progress);
    }

    private final VaultKvTokenStore store;
    private final KeyProvider keys;
    private final VaultClient client;
    private final SecureRandom random;
    private final String checkpointPath;

    private Rewrapper(VaultKvTokenStore store, KeyProvider keys, VaultClient client, SecureRandom random) {
        this.store = requireNonNull(store, "store");
        this.keys = requireNonNull(keys, "keys");
        this.client = requireNonNull(client, "client");
        this.random = requireNonNull(random, "random");
        this.checkpointPath = client.settings().kvMount() + "/data/" + client.settings().prefix() + "/rewrap/checkpoint";
    }

    public static Rewrapper of(VaultKvTokenStore store, KeyProvider keys, VaultClient client, SecureRandom random) {
        return new Rewrapper(store, keys, client, random);
    }

    /** The last token a run finished, if a run was interrupted. */
    public Optional<String> checkpoint() {
        return client.read(checkpointPath, "read_checkpoint")
                .map(r -> r.get("data").asObject().get("data").asObject().getString("after", ""))
                .filter(after -> !after.isEmpty());
    }

    /** Runs (or resumes) a re-wrap to the end; returns the final progress. Vault failures stop it, to be resumed. */
    public Progress run(Listener listener) {
        requireNonNull(listener, "listener");
        List<String> tokens = store.tokens();
        String after = checkpoint().orElse("");
        long done = tokens.stream().filter(t -> t.compareTo(after) <= 0).count();
        long moved = 0;
        long total = tokens.size();
        listener.progress(new Progress(done, moved, total));
        int sinceCheckpoint = 0;
        String last = after;
        for (String token : tokens) {
            if (token.compareTo(after) <= 0) {
                continue;
            }
            if (move(token)) {
                moved++;
            }
            done++;
            last = token;
            if (++sinceCheckpoint == CHECKPOINT_EVERY) {
                save(last);
                sinceCheckpoint = 0;
            }
            listener.progress(new Progress(done, moved, total));
        }
        save(""); // finished: the next run starts from the beginning
        return new Progress(done, moved, total);
    }

    /** Re-wraps one token; false if it already used the newest version or vanished. */
    private boolean move(String token) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<StoredToken> current = store.get(token);
            if (current.isEmpty()) {
                return false;
            }
            StoredToken rewrapped = VaultedTokenFormat.rewrap(current.get(), keys, random);
            if (rewrapped == current.get()) {
                return false;
            }
            if (store.replace(current.get(), rewrapped)) {
                return true;
            }
        }
        throw new IllegalStateException("re-wrap: a token kept changing under concurrent writers");
    }

    private void save(String last) {
        client.write(checkpointPath, new JsonObject().add("data", new JsonObject().add("after", last)), "write_checkpoint");
    }
}
