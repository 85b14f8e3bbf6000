package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The development identity provider of {@code veil serve} without configuration: an ES256 key
 * kept owner-only in {@code <data>/dev-idp/key.jwk} (made once, atomically, and reused by every
 * later process, so {@code veil dev token} in another shell mints tokens the running server
 * accepts), its public JWKS, and token minting with issuer {@value #ISSUER} and audience
 * {@value #AUDIENCE}.
 *
 * <p>Anyone who can read the key file can mint any expert's token: it is for dev mode only, and
 * the server must say loudly in its log when it is enabled.
 */
public final class DevIdentityProvider {

    /** The {@code iss} of every dev token. */
    public static final String ISSUER = "veil-dev";
    /** The {@code aud} of every dev token. */
    public static final String AUDIENCE = "veil";
    /** The folder under the data directory that holds the key. */
    public static final String DIRECTORY = "dev-idp";
    /** The key file's name in {@link #DIRECTORY}. */
    public static final String KEY_FILE = "key.jwk";
    /** The longest lifetime {@link #mint} gives a token. */
    public static final Duration MAX_TTL = Duration.ofDays(30);

    private static final int MAX_KEY_FILE_BYTES = 16 * 1024;
    private static final Pattern SCOPE = Pattern.compile("[\\x21-\\x7e]{1,64}");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final ECKey key;
    private final Path keyFile;
    private final Clock clock;

    private DevIdentityProvider(ECKey key, Path keyFile, Clock clock) {
        this.key = key;
        this.keyFile = keyFile;
        this.clock = clock;
    }

    /**
     * The provider whose key is in {@code dataDir}; the key is made if there is none yet.
     *
     * @throws AuthException {@code bad_key} if the key file cannot be read or written, is not an
     *     EC P-256 private JWK, or can be read by others than its owner
     */
    public static DevIdentityProvider openOrCreate(Path dataDir, Clock clock) {
        requireNonNull(dataDir, "dataDir");
        requireNonNull(clock, "clock");
        Path dir = dataDir.resolve(DIRECTORY);
        Path file = dir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                createDirectory(dir);
                create(dir, file);
            }
            return new DevIdentityProvider(load(file), file, clock);
        } catch (IOException e) {
            throw AuthException.badKey("dev identity provider: cannot use " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The file that holds the private key. */
    public Path keyFile() {
        return keyFile;
    }

    /** The key's id, the {@code kid} of every token minted here. */
    public String keyId() {
        return key.getKeyID();
    }

    /** The public key set to serve at the dev JWKS URL; it never holds the private part. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /** {@link #publicKeys()} as JWKS JSON. */
    public String jwksJson() {
        return publicKeys().toString(true);
    }

    /** A verifier that accepts this provider's tokens, for dev mode's expert (and admin) auth. */
    public JwtVerifier verifier() {
        return JwtVerifier.builder().issuer(ISSUER).audience(AUDIENCE).clock(clock).staticKeys(publicKeys()).build();
    }

    /**
     * A signed JWT for {@code expertId} with {@code scopes}, valid from now for {@code ttl}.
     *
     * @throws IllegalArgumentException if the id, a scope or the lifetime is out of range
     */
    public String mint(String expertId, Set<String> scopes, Duration ttl) {
        requireNonNull(expertId, "expertId");
        requireNonNull(scopes, "scopes");
        requireNonNull(ttl, "ttl");
        if (expertId.isEmpty() || expertId.length() > JwtVerifier.MAX_SUBJECT_LENGTH || expertId.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("expertId: expected 1 to " + JwtVerifier.MAX_SUBJECT_LENGTH + " characters without control characters");
        }
        if (scopes.size() > JwtVerifier.MAX_SCOPES || !scopes.stream().allMatch(s -> SCOPE.matcher(s).matches())) {
            throw new IllegalArgumentException("scopes: expected at most " + JwtVerifier.MAX_SCOPES + " names of 1 to 64 visible ASCII characters");
        }
        if (ttl.isZero() || ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl: " + ttl + " (expected: > 0 and <= " + MAX_TTL + ")");
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(expertId)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("scope", String.join(" ", scopes.stream().sorted().toList()))
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
        return jwt.serialize();
    }

    private static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (isPosix(dir.getParent() == null ? Path.of(".") : dir.getParent())) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    // Written to a private temporary file, then hard-linked into place: the link fails if another
    // process got there first, so every process ends up with the same, complete key.
    private static void create(Path dir, Path file) throws IOException {
        ECKey fresh;
        try {
            fresh = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("EC P-256 key generation failed", e);
        }
        boolean posix = isPosix(dir);
        Path tmp = posix
                ? Files.createTempFile(dir, ".key-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.createTempFile(dir, ".key-", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(fresh.toJSONString().getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException raced) {
                // another process made the key first; theirs is used
            } catch (UnsupportedOperationException noLinks) {
                try {
                    Files.move(tmp, file);
                } catch (FileAlreadyExistsException raced) {
                    // as above
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static ECKey load(Path file) throws IOException {
        if (isPosix(file)) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> others = EnumSet.copyOf(perms);
            others.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
            if (!others.isEmpty()) {
                throw AuthException.badKey("dev identity provider: " + file + " is readable by others (expected: chmod 600)");
            }
        }
        if (Files.size(file) > MAX_KEY_FILE_BYTES) {
            throw AuthException.badKey("dev identity provider: " + file + " is larger than " + MAX_KEY_FILE_BYTES + " bytes");
        }
        JWK jwk;
        try {
            jwk = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw AuthException.badKey("dev identity provider: " + file + " is not a JWK");
        }
        if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()) {
            throw AuthException.badKey("dev identity provider: " + file + " is not an EC P-256 private key");
        }
        if (ec.getKeyID() == null) {
            throw AuthException.badKey("dev identity provider: " + file + " has no kid");
        }
        return ec;
    }

    private static boolean isPosix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
