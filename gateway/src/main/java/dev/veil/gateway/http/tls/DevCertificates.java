package dev.veil.gateway.http.tls;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a development certificate authority and, signed by it, a server certificate for
 * {@code localhost}, {@code 127.0.0.1} and {@code ::1} (and optionally a client certificate for
 * mutual TLS), as PEM files: certificates world-readable, private keys PKCS#8 and owner-only. It
 * never overwrites a file. For development and tests only: the CA key sits next to its certificate.
 */
public final class DevCertificates {

    /** The CA certificate: what clients (and mTLS listeners) trust. */
    public static final String CA_CERT = "ca.pem";
    public static final String CA_KEY = "ca-key.pem";
    /** The server certificate followed by the CA certificate. */
    public static final String SERVER_CHAIN = "server.pem";
    public static final String SERVER_KEY = "server-key.pem";

    private static final Pattern CLIENT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Duration VALIDITY = Duration.ofDays(365);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Clock clock;
    private final SecureRandom random;

    private DevCertificates(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    public static DevCertificates of(Clock clock, SecureRandom random) {
        return new DevCertificates(requireNonNull(clock, "clock"), requireNonNull(random, "random"));
    }

    /** The files written: PEM paths of the CA, the server and, if asked for, the client. */
    public record Written(Path caCertificate, Path caKey, Path serverChain, Path serverKey,
            Optional<Path> clientChain, Optional<Path> clientKey) {

        /** Every file, certificates and keys. */
        public List<Path> all() {
            List<Path> all = new ArrayList<>(List.of(caCertificate, caKey, serverChain, serverKey));
            clientChain.ifPresent(all::add);
            clientKey.ifPresent(all::add);
            return all;
        }
    }

    /** The client certificate file for {@code name}: {@code client-NAME.pem} (and {@code client-NAME-key.pem}). */
    public static String clientChainFile(String name) {
        return "client-" + name + ".pem";
    }

    public static String clientKeyFile(String name) {
        return "client-" + name + "-key.pem";
    }

    /**
     * Writes the files into {@code dir} (created if missing).
     *
     * @param clientName when present, also a client certificate with this common name
     * @throws DevCertificatesException {@code file_exists} if any of the files exists already (nothing is
     *     written then), {@code invalid_client_name} for an unusable client name, {@code certificates_unwritable}
     *     if the files cannot be made or written
     */
    public Written create(Path dir, Optional<String> clientName) {
        requireNonNull(dir, "dir");
        requireNonNull(clientName, "clientName");
        clientName.ifPresent(name -> {
            if (!CLIENT_NAME.matcher(name).matches()) {
                throw new DevCertificatesException(DevCertificatesException.INVALID_CLIENT_NAME,
                        "client name: not usable in a file name (expected: lower case letters, digits and '-', at most 32)");
            }
        });
        Written out = new Written(dir.resolve(CA_CERT), dir.resolve(CA_KEY), dir.resolve(SERVER_CHAIN), dir.resolve(SERVER_KEY),
                clientName.map(n -> dir.resolve(clientChainFile(n))), clientName.map(n -> dir.resolve(clientKeyFile(n))));
        for (Path file : out.all()) {
            if (Files.exists(file)) {
                throw new DevCertificatesException(DevCertificatesException.FILE_EXISTS, file + " exists already (expected: a directory without "
                        + file.getFileName() + "; nothing was written)");
            }
        }
        try {
            Instant now = clock.instant();
            KeyPair caKeys = keyPair();
            X509Certificate ca = caCertificate(caKeys, now);
            KeyPair serverKeys = keyPair();
            X509Certificate server = leaf(caKeys, ca, serverKeys, "CN=localhost", now, KeyPurposeId.id_kp_serverAuth, true);
            Files.createDirectories(dir);
            writePublic(out.caCertificate(), pem(ca));
            writePrivate(out.caKey(), pem(caKeys.getPrivate()));
            writePublic(out.serverChain(), pem(server) + pem(ca));
            writePrivate(out.serverKey(), pem(serverKeys.getPrivate()));
            if (clientName.isPresent()) {
                KeyPair clientKeys = keyPair();
                X509Certificate client = leaf(caKeys, ca, clientKeys, "CN=" + clientName.get(), now, KeyPurposeId.id_kp_clientAuth, false);
                writePublic(out.clientChain().orElseThrow(), pem(client) + pem(ca));
                writePrivate(out.clientKey().orElseThrow(), pem(clientKeys.getPrivate()));
            }
            return out;
        } catch (IOException e) {
            // the I/O message is not kept: only its type, and the directory the user named
            throw new DevCertificatesException(DevCertificatesException.CERTIFICATES_UNWRITABLE,
                    "certificates: cannot write into " + dir + " (" + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new DevCertificatesException(DevCertificatesException.CERTIFICATES_UNWRITABLE,
                    "certificates: cannot be made (" + e.getClass().getSimpleName() + ")");
        }
    }

    private KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private X509Certificate caCertificate(KeyPair keys, Instant now) throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name name = new X500Name("CN=Veil development CA");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(VALIDITY)), name, keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        return sign(builder, keys.getPrivate());
    }

    private X509Certificate leaf(KeyPair caKeys, X509Certificate ca, KeyPair keys, String subject, Instant now,
            KeyPurposeId purpose, boolean localhostNames) throws GeneralSecurityException, OperatorCreationException, IOException {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(VALIDITY)), new X500Name(subject), keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caKeys.getPublic()));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        if (localhostNames) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")}));
        }
        return sign(builder, caKeys.getPrivate());
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException, OperatorCreationException {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").setSecureRandom(random).build(key);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private BigInteger serial() {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static String pem(X509Certificate certificate) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        }
        return out.toString();
    }

    private static String pem(PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        return out.toString();
    }

    private static void writePublic(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        // Owner-only from its first instant: the key is never readable by others, not even briefly.
        if (POSIX) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.WRITE);
    }
}
