package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Reads the static public keys an identity provider hands out (PEM {@code PUBLIC KEY} blocks, JWKs
 * or a JWK set) into public-only JWKs of the three accepted kinds: RSA of at least 2048 bits, EC
 * P-256 and Ed25519.
 */
public final class VerificationKeys {

    static final int MIN_RSA_BITS = 2048;
    private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PEM_END = "-----END PUBLIC KEY-----";
    // The DER prefix of an X.509 SubjectPublicKeyInfo holding a raw 32-byte Ed25519 key.
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private VerificationKeys() {}

    /**
     * Every {@code PUBLIC KEY} block in {@code pem}, each given its RFC 7638 thumbprint as {@code kid}.
     *
     * @throws AuthException {@code bad_key} if there is none or one is not an accepted key
     */
    public static JWKSet fromPem(String pem) {
        requireNonNull(pem, "pem");
        List<JWK> keys = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = pem.indexOf(PEM_BEGIN, from);
            if (begin < 0) {
                break;
            }
            int end = pem.indexOf(PEM_END, begin);
            if (end < 0) {
                throw AuthException.badKey("PEM block " + (keys.size() + 1) + ": no " + PEM_END + " line");
            }
            String body = pem.substring(begin + PEM_BEGIN.length(), end).replaceAll("\\s", "");
            byte[] der;
            try {
                der = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw AuthException.badKey("PEM block " + (keys.size() + 1) + ": not base64");
            }
            keys.add(fromJava(decodeSpki(der, keys.size() + 1)));
            from = end + PEM_END.length();
        }
        if (keys.isEmpty()) {
            throw AuthException.badKey("PEM: no " + PEM_BEGIN + " block");
        }
        return new JWKSet(keys);
    }

    /**
     * A JWK set, or a single JWK, as JSON; private parts are dropped.
     *
     * @throws AuthException {@code bad_key} if it does not parse or holds a key of another kind
     */
    public static JWKSet fromJson(String json) {
        requireNonNull(json, "json");
        List<JWK> keys = new ArrayList<>();
        try {
            List<JWK> parsed = json.contains("\"keys\"") ? JWKSet.parse(json).getKeys() : List.of(JWK.parse(json));
            for (JWK key : parsed) {
                keys.add(checked(key.toPublicJWK()));
            }
        } catch (ParseException e) {
            // Nimbus's message may quote the input; only the position is kept
            throw AuthException.badKey("JWK: not a valid JWK or JWK set (offset " + e.getErrorOffset() + ")");
        }
        if (keys.isEmpty()) {
            throw AuthException.badKey("JWK set: no keys");
        }
        return new JWKSet(keys);
    }

    /** {@code key}, if it is of an accepted kind and size. */
    static JWK checked(JWK key) {
        if (key == null) {
            throw AuthException.badKey("JWK: not a public key");
        }
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            throw AuthException.badKey("JWK: use is not sig");
        }
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().decodeToBigInteger().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw AuthException.badKey("RSA key: " + bits + " bits (expected: >= " + MIN_RSA_BITS + ")");
            }
            return rsa;
        }
        if (key instanceof ECKey ec) {
            if (!Curve.P_256.equals(ec.getCurve())) {
                throw AuthException.badKey("EC key: curve is not P-256");
            }
            return ec;
        }
        if (key instanceof OctetKeyPair okp) {
            if (!Curve.Ed25519.equals(okp.getCurve())) {
                throw AuthException.badKey("OKP key: curve is not Ed25519");
            }
            return okp;
        }
        throw AuthException.badKey("JWK: key type " + key.getKeyType() + " (expected: RSA, EC or OKP)");
    }

    /** The JDK public key of an Ed25519 JWK. */
    static PublicKey ed25519PublicKey(OctetKeyPair okp) throws InvalidKeySpecException {
        byte[] x = okp.getX().decode();
        if (x.length != 32) {
            throw new InvalidKeySpecException("Ed25519 x: " + x.length + " bytes (expected: 32)");
        }
        byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
        System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Ed25519 unavailable in this JVM", e);
        }
    }

    private static PublicKey decodeSpki(byte[] der, int block) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (InvalidKeySpecException | NoSuchAlgorithmException | ClassCastException e) {
                // not this kind; try the next
            }
        }
        throw AuthException.badKey("PEM block " + block + ": not an RSA, EC or Ed25519 public key");
    }

    private static JWK fromJava(PublicKey key) {
        try {
            JWK jwk;
            if (key instanceof RSAPublicKey rsa) {
                jwk = new RSAKey.Builder(rsa).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint().build();
            } else if (key instanceof ECPublicKey ec) {
                Curve curve = Curve.forECParameterSpec(ec.getParams());
                if (!Curve.P_256.equals(curve)) {
                    throw AuthException.badKey("EC key: curve is not P-256");
                }
                jwk = new ECKey.Builder(curve, ec).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint().build();
            } else {
                byte[] der = key.getEncoded();
                if (der.length != ED25519_SPKI_PREFIX.length + 32
                        || !Arrays.equals(Arrays.copyOf(der, ED25519_SPKI_PREFIX.length), ED25519_SPKI_PREFIX)) {
                    throw AuthException.badKey("PEM key: not an Ed25519 key");
                }
                byte[] x = Arrays.copyOfRange(der, ED25519_SPKI_PREFIX.length, der.length);
                jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint().build();
            }
            return checked(jwk);
        } catch (JOSEException e) {
            throw AuthException.badKey("PEM key: cannot compute its thumbprint");
        }
    }
}
