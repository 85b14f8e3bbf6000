package dev.veil.tokenizer.vault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import javax.crypto.AEADBadTagException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The default {@link KeyProvider}: a keyring file (by default {@code .veil/keyring}) holding every
 * version of every key, each 32 random bytes wrapped with AES-256-GCM under a {@link MasterKey}.
 *
 * <p>The file is created owner-only ({@code rw-------}) and refused if group or others may read or
 * write it. Its first entry is a check value sealed under the master key, so a wrong master key is
 * reported at once, even for an empty keyring, and can never add keys to it. Its last line is a
 * MAC (HMAC-SHA256 under a key derived from the master key) over every line before it and the
 * number of key entries, so removing a key or the newest versions of one (rolling back a
 * rotation), adding, reordering or altering anything is refused as a whole; within one process a
 * re-read keyring that lost versions seen before (an older copy restored over it) is refused too.
 * Keys are created only by {@link #createIfAbsent} and {@link #rotate}, never by a lookup. Every change is
 * written to a temporary file, forced to disk and renamed over the keyring, under a lock file
 * ({@code <keyring>.lock}) that serializes writers across processes; a writer re-reads the keyring
 * first, so a key version added by another process (for example {@code veil keys rotate} while the
 * gateway runs) is never lost. A running provider sees another process's new versions in
 * {@link #version} at once and in {@link #current} after {@link #reload()}.
 *
 * <p>Thread-safe; reads take no lock.
 */
public final class LocalKeyProvider implements KeyProvider {

    /** The current format: entries and a MAC over the whole keyring. */
    private static final String HEADER = "veil-keyring 2";
    /** The first format, authenticated line by line only; read by {@link #upgrade} alone. */
    private static final String HEADER_V1 = "veil-keyring 1";
    /** Associated data labels, unchanged since format 1 so that sealed entries carry over. */
    private static final byte[] CHECK_AAD = (HEADER_V1 + " check").getBytes(UTF_8);
    private static final byte[] MAC_KEY_LABEL = "veil-keyring mac key 1".getBytes(UTF_8);
    private static final String MAC_ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 32;
    private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path keyring;
    private final Path lockFile;
    private final MasterKey master;
    private final SecureRandom random;
    private final ReentrantLock jvmLock;
    private volatile Keyring snapshot;

    private LocalKeyProvider(Path keyring, MasterKey master, SecureRandom random) {
        this.keyring = keyring;
        this.lockFile = keyring.resolveSibling(keyring.getFileName() + ".lock");
        this.master = master;
        this.random = random;
        this.jvmLock = JVM_LOCKS.computeIfAbsent(keyring, p -> new ReentrantLock());
    }

    /**
     * Opens the keyring at {@code keyring}, creating it (and its missing parent directories,
     * owner-only) when it does not exist yet.
     *
     * @throws KeyUnavailableException if the keyring is accessible to group or others, does not
     *     open under {@code master}, was altered, or cannot be read or written
     */
    public static LocalKeyProvider open(Path keyring, MasterKey master, SecureRandom random) {
        LocalKeyProvider provider = newProvider(keyring, master, random);
        if (Files.exists(provider.keyring)) {
            provider.reload();
        } else {
            provider.update(UnaryOperator.identity());
        }
        return provider;
    }

    /**
     * Creates a new, empty keyring at {@code keyring}, for {@code veil keys init}.
     *
     * @throws IllegalStateException if a keyring already exists there
     * @throws KeyUnavailableException if it cannot be written
     */
    public static LocalKeyProvider create(Path keyring, MasterKey master, SecureRandom random) {
        LocalKeyProvider provider = newProvider(keyring, master, random);
        provider.update(existing -> {
            if (existing != null) {
                throw new IllegalStateException("keyring " + provider.keyring + " already exists");
            }
            return null;
        });
        return provider;
    }

    private static LocalKeyProvider newProvider(Path keyring, MasterKey master, SecureRandom random) {
        requireNonNull(keyring, "keyring");
        requireNonNull(master, "master");
        requireNonNull(random, "random");
        return new LocalKeyProvider(keyring.toAbsolutePath().normalize(), master, random);
    }

    /** Where the keyring lives. */
    public Path path() {
        return keyring;
    }

    /**
     * Re-writes a keyring of format 1 (authenticated line by line only) in the current format, with
     * a MAC over the whole keyring, for {@code veil keys upgrade}. Run it only on a keyring known to
     * be complete: format 1 cannot tell whether keys or versions were removed from it.
     *
     * @throws KeyUnavailableException if the keyring does not exist, is not of format 1, does not
     *     open under {@code master} or a line was altered
     */
    public static LocalKeyProvider upgrade(Path keyring, MasterKey master, SecureRandom random) {
        LocalKeyProvider provider = newProvider(keyring, master, random);
        if (!Files.exists(provider.keyring)) {
            throw new KeyUnavailableException("keyring " + provider.keyring + " does not exist");
        }
        provider.jvmLock.lock();
        try (FileChannel channel = OwnerOnlyFiles.openForLocking(provider.lockFile)) {
            channel.lock();
            Keyring old = provider.read(true);
            OwnerOnlyFiles.writeAtomically(provider.keyring, provider.format(old).getBytes(UTF_8));
            provider.snapshot = provider.read(false);
            return provider;
        } catch (IOException e) {
            throw new KeyUnavailableException("keyring " + provider.keyring + ": cannot write it", e);
        } finally {
            provider.jvmLock.unlock();
        }
    }

    /**
     * {@inheritDoc} Never creates the key: a missing key is reported with how to create it.
     */
    @Override
    public KeyVersion current(String keyId) {
        requireNonNull(keyId, "keyId");
        List<KeyVersion> versions = snapshot.keys.get(keyId); // ids in the keyring were validated when read
        if (versions != null) {
            return versions.get(versions.size() - 1);
        }
        KeyIds.requireValid(keyId);
        versions = reloadIfChanged().keys.get(keyId);
        if (versions == null) {
            throw new KeyUnavailableException("key " + keyId + " does not exist in keyring " + keyring
                    + " (create it with: veil keys create " + keyId + ", or veil keys init --policy FILE)");
        }
        return versions.get(versions.size() - 1);
    }

    @Override
    public KeyVersion createIfAbsent(String keyId) {
        KeyIds.requireValid(keyId);
        Keyring updated = update(ring -> ring.keys.containsKey(keyId) ? ring : ring.withNewVersion(keyId, newKey(keyId, 1)));
        List<KeyVersion> versions = updated.keys.get(keyId);
        return versions.get(versions.size() - 1);
    }

    @Override
    public KeyVersion version(String keyId, int version) {
        requireNonNull(keyId, "keyId");
        KeyVersion found = snapshot.find(keyId, version);
        if (found != null) {
            return found;
        }
        KeyIds.requireValid(keyId);
        if (version < 1) {
            throw new KeyUnavailableException("key " + keyId + " version: " + version + " (expected: >= 1)");
        }
        found = reloadIfChanged().find(keyId, version);
        if (found == null) {
            List<KeyVersion> versions = snapshot.keys.get(keyId);
            throw new KeyUnavailableException(versions == null
                    ? "key " + keyId + " does not exist in keyring " + keyring
                    : "key " + keyId + " has no version " + version + " (current: " + versions.size() + ")");
        }
        return found;
    }

    @Override
    public KeyVersion rotate(String keyId) {
        KeyIds.requireValid(keyId);
        Keyring updated = update(ring -> {
            List<KeyVersion> versions = ring.keys.get(keyId);
            return ring.withNewVersion(keyId, newKey(keyId, versions == null ? 1 : versions.size() + 1));
        });
        List<KeyVersion> versions = updated.keys.get(keyId);
        return versions.get(versions.size() - 1);
    }

    @Override
    public List<KeyInfo> keys() {
        List<KeyInfo> infos = new ArrayList<>();
        snapshot.keys.forEach((id, versions) -> infos.add(new KeyInfo(id, versions.size())));
        return List.copyOf(infos);
    }

    /** Re-reads the keyring, picking up versions that another process added. */
    public void reload() {
        jvmLock.lock();
        try {
            snapshot = requireNoRollback(read(false));
        } finally {
            jvmLock.unlock();
        }
    }

    private Keyring reloadIfChanged() {
        jvmLock.lock();
        try {
            if (!Objects.equals(stamp(), snapshot.stamp)) {
                snapshot = requireNoRollback(read(false));
            }
            return snapshot;
        } finally {
            jvmLock.unlock();
        }
    }

    /**
     * Applies {@code change} to the keyring as it is on disk ({@code null} if there is none yet; the
     * change returns {@code null} for a new empty keyring), writes the result if it differs, and
     * publishes it.
     */
    private Keyring update(UnaryOperator<Keyring> change) {
        jvmLock.lock();
        try {
            OwnerOnlyFiles.createDirectories(keyring.getParent());
            try (FileChannel channel = OwnerOnlyFiles.openForLocking(lockFile)) {
                channel.lock(); // serializes writers across processes; released when the channel closes
                Keyring before = Files.exists(keyring) ? requireNoRollback(read(false)) : null;
                if (before == null && snapshot != null) {
                    // never start an empty keyring over one that vanished: its keys would be lost for good
                    throw new KeyUnavailableException("keyring " + keyring + " has disappeared; restore it from a backup");
                }
                Keyring after = change.apply(before);
                if (after == null) {
                    after = Keyring.empty(seal(new byte[0], CHECK_AAD));
                }
                if (after != before) {
                    OwnerOnlyFiles.writeAtomically(keyring, format(after).getBytes(UTF_8));
                    after = after.stamped(stamp());
                }
                snapshot = after;
                return after;
            }
        } catch (IOException e) {
            throw new KeyUnavailableException("keyring " + keyring + ": cannot write it", e);
        } finally {
            jvmLock.unlock();
        }
    }

    /**
     * Reads and authenticates the keyring: the current format, or format 1 (no whole-keyring MAC)
     * when {@code formatOne} is set, for {@link #upgrade} only.
     */
    private Keyring read(boolean formatOne) {
        OwnerOnlyFiles.requireOwnerOnly(keyring, "keyring");
        Stamp stamp = stamp();
        List<String> lines;
        try {
            lines = Files.readAllLines(keyring, UTF_8);
        } catch (IOException e) {
            throw new KeyUnavailableException("keyring " + keyring + ": cannot read it", e);
        }
        String header = formatOne ? HEADER_V1 : HEADER;
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            if (!formatOne && !lines.isEmpty() && lines.get(0).equals(HEADER_V1)) {
                throw new KeyUnavailableException("keyring " + keyring + " is of format 1, which does not authenticate"
                        + " the keyring as a whole; if it is complete, upgrade it with: veil keys upgrade --keyring " + keyring);
            }
            throw malformed(1, "expected: " + header);
        }
        String[] check = lines.size() > 1 ? lines.get(1).split(" ", -1) : new String[0];
        if (check.length != 2 || !check[0].equals("check")) {
            throw malformed(2, "expected: check <sealed>");
        }
        try {
            AesGcm.open(master.secretKey(), decode(check[1], 2), CHECK_AAD);
        } catch (AEADBadTagException e) {
            throw new KeyUnavailableException("keyring " + keyring + " does not open with this master key"
                    + " (wrong master key: check " + MasterKey.ENV + " or --master-key-file)");
        }
        int end = lines.size();
        if (!formatOne) {
            end = authenticate(lines);
        }
        SortedMap<String, List<KeyVersion>> keys = new TreeMap<>();
        SortedMap<String, List<String>> sealed = new TreeMap<>();
        for (int i = 2; i < end; i++) {
            int lineNumber = i + 1;
            String line = lines.get(i);
            if (line.isEmpty() && formatOne) {
                continue;
            }
            String[] fields = line.split(" ", -1);
            if (fields.length != 4 || !fields[0].equals("key")) {
                throw malformed(lineNumber, "expected: key <id> <version> <sealed>");
            }
            String keyId = fields[1];
            try {
                KeyIds.requireValid(keyId);
            } catch (IllegalArgumentException e) {
                throw malformed(lineNumber, "not a valid key id");
            }
            List<KeyVersion> versions = keys.computeIfAbsent(keyId, id -> new ArrayList<>());
            int version = versions.size() + 1;
            if (!fields[2].equals(Integer.toString(version))) {
                throw malformed(lineNumber, "key " + keyId + " version " + fields[2] + " (expected: " + version + ")");
            }
            byte[] raw;
            try {
                raw = AesGcm.open(master.secretKey(), decode(fields[3], lineNumber), keyAad(keyId, version));
            } catch (AEADBadTagException e) {
                throw new KeyUnavailableException("keyring " + keyring + " line " + lineNumber + ": key " + keyId + " v"
                        + version + " fails authentication (the keyring was altered)");
            }
            try {
                if (raw.length != KEY_BYTES) {
                    throw malformed(lineNumber, "key " + keyId + " v" + version + " is " + raw.length + " bytes (expected: " + KEY_BYTES + ")");
                }
                versions.add(new KeyVersion(keyId, version, new SecretKeySpec(raw, "AES")));
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
            sealed.computeIfAbsent(keyId, id -> new ArrayList<>()).add(fields[3]);
        }
        return new Keyring(check[1], freeze(keys), freeze(sealed), stamp);
    }

    /**
     * Checks the last line, {@code mac <base64>}, against every line before it and the number of key
     * entries; returns the index of the MAC line.
     */
    private int authenticate(List<String> lines) {
        int last = lines.size() - 1;
        String[] fields = last >= 2 ? lines.get(last).split(" ", -1) : new String[0];
        if (fields.length != 2 || !fields[0].equals("mac")) {
            throw new KeyUnavailableException("keyring " + keyring + " fails authentication as a whole: its last line"
                    + " is not its MAC (the keyring was truncated or altered; restore it from a backup)");
        }
        byte[] expected = mac(lines.subList(0, last), last - 2);
        byte[] actual = decode(fields[1], last + 1);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new KeyUnavailableException("keyring " + keyring + " fails authentication as a whole (keys or versions"
                    + " were removed, added, reordered or altered; restore it from a backup)");
        }
        return last;
    }

    /** HMAC-SHA256, under a key derived from the master key, of each line and a newline, then the entry count. */
    private byte[] mac(List<String> lines, int entries) {
        try {
            Mac kdf = Mac.getInstance(MAC_ALGORITHM);
            byte[] masterBytes = master.secretKey().getEncoded();
            byte[] macKey;
            try {
                kdf.init(new SecretKeySpec(masterBytes, MAC_ALGORITHM));
                macKey = kdf.doFinal(MAC_KEY_LABEL);
            } finally {
                Arrays.fill(masterBytes, (byte) 0);
            }
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            try {
                mac.init(new SecretKeySpec(macKey, MAC_ALGORITHM));
            } finally {
                Arrays.fill(macKey, (byte) 0);
            }
            for (String line : lines) {
                mac.update((line + "\n").getBytes(UTF_8));
            }
            mac.update(("entries " + entries).getBytes(UTF_8));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The keyring as written: its lines and, last, their MAC. */
    private String format(Keyring ring) {
        List<String> lines = ring.lines();
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        text.append("mac ").append(Base64.getEncoder().encodeToString(mac(lines, lines.size() - 2))).append('\n');
        return text.toString();
    }

    /**
     * Refuses a keyring that lost a key or versions this provider has seen: an older copy restored
     * over the live one, which its own MAC cannot reveal.
     */
    private Keyring requireNoRollback(Keyring read) {
        Keyring seen = snapshot;
        if (seen != null) {
            for (Map.Entry<String, List<KeyVersion>> entry : seen.keys.entrySet()) {
                List<KeyVersion> now = read.keys.get(entry.getKey());
                if (now == null || now.size() < entry.getValue().size()) {
                    throw new KeyUnavailableException("keyring " + keyring + " lost key " + entry.getKey() + " or versions of it"
                            + " since it was last read (an older copy was restored over it?); restore the newest backup");
                }
            }
        }
        return read;
    }

    private VersionAndSealed newKey(String keyId, int version) {
        byte[] raw = new byte[KEY_BYTES];
        random.nextBytes(raw);
        try {
            return new VersionAndSealed(new KeyVersion(keyId, version, new SecretKeySpec(raw, "AES")), seal(raw, keyAad(keyId, version)));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private String seal(byte[] plaintext, byte[] aad) {
        return Base64.getEncoder().encodeToString(AesGcm.seal(master.secretKey(), random, plaintext, aad));
    }

    private static byte[] keyAad(String keyId, int version) {
        return (HEADER_V1 + " key\0" + keyId + "\0" + version).getBytes(UTF_8);
    }

    private byte[] decode(String base64, int lineNumber) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw malformed(lineNumber, "not valid base64");
        }
    }

    private KeyUnavailableException malformed(int lineNumber, String detail) {
        return new KeyUnavailableException("keyring " + keyring + " line " + lineNumber + ": malformed (" + detail + ")");
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(keyring, BasicFileAttributes.class);
            return new Stamp(attributes.fileKey(), attributes.lastModifiedTime().toMillis(), attributes.size());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new KeyUnavailableException("keyring " + keyring + ": cannot read it", e);
        }
    }

    private static <V> SortedMap<String, List<V>> freeze(SortedMap<String, List<V>> map) {
        SortedMap<String, List<V>> copy = new TreeMap<>();
        map.forEach((id, list) -> copy.put(id, List.copyOf(list)));
        return Collections.unmodifiableSortedMap(copy);
    }

    @Override
    public String toString() {
        return "LocalKeyProvider[" + keyring + "]";
    }

    /** Which file a keyring was read from, to notice that another process replaced it. */
    private record Stamp(Object fileKey, long modifiedMillis, long size) {}

    private record VersionAndSealed(KeyVersion key, String sealed) {}

    /** One immutable state of the keyring: every key's versions, in memory and as written. */
    private static final class Keyring {

        final String check;
        final SortedMap<String, List<KeyVersion>> keys;
        final SortedMap<String, List<String>> sealed;
        final Stamp stamp;

        Keyring(String check, SortedMap<String, List<KeyVersion>> keys, SortedMap<String, List<String>> sealed, Stamp stamp) {
            this.check = check;
            this.keys = keys;
            this.sealed = sealed;
            this.stamp = stamp;
        }

        static Keyring empty(String check) {
            return new Keyring(check, Collections.emptySortedMap(), Collections.emptySortedMap(), null);
        }

        KeyVersion find(String keyId, int version) {
            List<KeyVersion> versions = keys.get(keyId);
            return versions == null || version < 1 || version > versions.size() ? null : versions.get(version - 1);
        }

        Keyring withNewVersion(String keyId, VersionAndSealed added) {
            SortedMap<String, List<KeyVersion>> newKeys = new TreeMap<>(keys);
            SortedMap<String, List<String>> newSealed = new TreeMap<>(sealed);
            newKeys.put(keyId, append(keys.get(keyId), added.key()));
            newSealed.put(keyId, append(sealed.get(keyId), added.sealed()));
            return new Keyring(check, Collections.unmodifiableSortedMap(newKeys), Collections.unmodifiableSortedMap(newSealed), stamp);
        }

        Keyring stamped(Stamp newStamp) {
            return new Keyring(check, keys, sealed, newStamp);
        }

        /** The header, the check value and one line per key version, sorted by key id then version. */
        List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add(HEADER);
            lines.add("check " + check);
            for (Map.Entry<String, List<String>> entry : sealed.entrySet()) {
                List<String> versions = entry.getValue();
                for (int i = 0; i < versions.size(); i++) {
                    lines.add("key " + entry.getKey() + " " + (i + 1) + " " + versions.get(i));
                }
            }
            return lines;
        }

        private static <V> List<V> append(List<V> list, V value) {
            List<V> copy = list == null ? new ArrayList<>() : new ArrayList<>(list);
            copy.add(value);
            return List.copyOf(copy);
        }
    }
}
