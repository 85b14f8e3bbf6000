package dev.veil.tokenizer.token;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * A literal transcription of SP 800-38G algorithms 7 and 8 (FF1) on {@link BigInteger}s and the
 * JDK's AES, written for clarity rather than speed; the tests compare {@link Ff1} against it.
 */
final class Ff1Reference {

    private Ff1Reference() {}

    static byte[] encrypt(int radix, byte[] key, byte[] tweak, byte[] x) {
        return process(true, radix, key, tweak, x);
    }

    static byte[] decrypt(int radix, byte[] key, byte[] tweak, byte[] x) {
        return process(false, radix, key, tweak, x);
    }

    private static byte[] process(boolean encrypt, int radix, byte[] key, byte[] tweak, byte[] x) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            int n = x.length;
            int u = n / 2;
            int v = n - u;
            int t = tweak.length;
            BigInteger r = BigInteger.valueOf(radix);
            // b = ceil(ceil(v * log2(radix)) / 8): the smallest k with 2^k >= radix^v, in bytes.
            BigInteger domainV = r.pow(v);
            int bits = 0;
            while (BigInteger.ONE.shiftLeft(bits).compareTo(domainV) < 0) {
                bits++;
            }
            int b = (bits + 7) / 8;
            int d = 4 * ((b + 3) / 4) + 4;
            byte[] p = {1, 2, 1, (byte) (radix >> 16), (byte) (radix >> 8), (byte) radix, 10, (byte) u,
                (byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n,
                (byte) (t >> 24), (byte) (t >> 16), (byte) (t >> 8), (byte) t};
            int pad = Math.floorMod(-t - b - 1, 16);
            byte[] a = java.util.Arrays.copyOfRange(x, 0, u);
            byte[] bb = java.util.Arrays.copyOfRange(x, u, n);
            for (int step = 0; step < 10; step++) {
                int i = encrypt ? step : 9 - step;
                byte[] half = encrypt ? bb : a;
                byte[] q = new byte[t + pad + 1 + b];
                System.arraycopy(tweak, 0, q, 0, t);
                q[t + pad] = (byte) i;
                byte[] numB = toBytes(num(half, radix), b);
                System.arraycopy(numB, 0, q, t + pad + 1, b);
                byte[] pq = new byte[16 + q.length];
                System.arraycopy(p, 0, pq, 0, 16);
                System.arraycopy(q, 0, pq, 16, q.length);
                byte[] rBlock = new byte[16];
                for (int at = 0; at < pq.length; at += 16) {
                    for (int k = 0; k < 16; k++) {
                        rBlock[k] ^= pq[at + k];
                    }
                    rBlock = aes.doFinal(rBlock);
                }
                byte[] s = new byte[((d + 15) / 16) * 16];
                System.arraycopy(rBlock, 0, s, 0, 16);
                for (int j = 1; j < s.length / 16; j++) {
                    byte[] xj = rBlock.clone();
                    byte[] jBytes = toBytes(BigInteger.valueOf(j), 16);
                    for (int k = 0; k < 16; k++) {
                        xj[k] ^= jBytes[k];
                    }
                    System.arraycopy(aes.doFinal(xj), 0, s, 16 * j, 16);
                }
                BigInteger y = new BigInteger(1, java.util.Arrays.copyOf(s, d));
                int m = i % 2 == 0 ? u : v;
                BigInteger mod = r.pow(m);
                if (encrypt) {
                    byte[] c = str(num(a, radix).add(y).mod(mod), radix, m);
                    a = bb;
                    bb = c;
                } else {
                    byte[] c = str(num(bb, radix).subtract(y).mod(mod), radix, m);
                    bb = a;
                    a = c;
                }
            }
            byte[] out = new byte[n];
            System.arraycopy(a, 0, out, 0, u);
            System.arraycopy(bb, 0, out, u, v);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger num(byte[] x, int radix) {
        BigInteger value = BigInteger.ZERO;
        for (byte numeral : x) {
            value = value.multiply(BigInteger.valueOf(radix)).add(BigInteger.valueOf(numeral & 0xFF));
        }
        return value;
    }

    private static byte[] str(BigInteger value, int radix, int m) {
        byte[] out = new byte[m];
        BigInteger r = BigInteger.valueOf(radix);
        for (int k = m - 1; k >= 0; k--) {
            BigInteger[] qr = value.divideAndRemainder(r);
            out[k] = (byte) qr[1].intValueExact();
            value = qr[0];
        }
        return out;
    }

    /** {@code value} as exactly {@code length} big-endian bytes. */
    private static byte[] toBytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }
}
