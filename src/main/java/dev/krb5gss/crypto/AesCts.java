package dev.krb5gss.crypto;

import dev.krb5gss.error.InternalFaultException;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in CBC mode with ciphertext stealing, as RFC 3962 §5 (and RFC 8009 §5) define it: CBC over
 * the zero-padded input with a zero IV, the last two blocks swapped, the output truncated to the
 * input length. One block is plain CBC. Inputs shorter than one block are refused (the
 * confounder makes every Kerberos input at least one block).
 */
final class AesCts {
  static final int BLOCK = 16;

  private AesCts() {}

  /** Encrypts {@code len >= 16} bytes of {@code in} into {@code out} at {@code outOff}. */
  static void encrypt(SecretKeySpec key, byte[] in, int off, int len, byte[] out, int outOff) {
    checkLength(len);
    boolean done = false;
    try {
      encryptCts(key, in, off, len, out, outOff);
      done = true;
    } catch (GeneralSecurityException e) {
      throw new InternalFaultException("AES-CBC encryption failed", e);
    } finally {
      if (!done) {
        Jce.forgetAesKeys();
      }
    }
  }

  /** Decrypts {@code len >= 16} bytes of {@code in} into {@code out} at {@code outOff}. */
  static void decrypt(SecretKeySpec key, byte[] in, int off, int len, byte[] out, int outOff) {
    checkLength(len);
    boolean done = false;
    try {
      decryptCts(key, in, off, len, out, outOff);
      done = true;
    } catch (GeneralSecurityException e) {
      throw new InternalFaultException("AES-CBC decryption failed", e);
    } finally {
      if (!done) {
        Jce.forgetAesKeys();
      }
    }
  }

  private static void encryptCts(SecretKeySpec key, byte[] in, int off, int len, byte[] out,
      int outOff) throws GeneralSecurityException {
    Cipher cbc = Jce.cbcEncrypt(key);
    if (len == BLOCK) {
      cbc.doFinal(in, off, BLOCK, out, outOff);
      return;
    }
    int tail = tailLength(len);
    int head = len - tail;                         // full blocks C1..C(m-1)
    cbc.update(in, off, head, out, outOff);
    byte[] last = new byte[BLOCK];                 // Pm zero-padded
    System.arraycopy(in, off + head, last, 0, tail);
    byte[] cm = cbc.doFinal(last);
    int prev = outOff + head - BLOCK;              // where C(m-1) sits
    System.arraycopy(out, prev, last, 0, BLOCK);   // keep C(m-1)
    System.arraycopy(cm, 0, out, prev, BLOCK);
    System.arraycopy(last, 0, out, prev + BLOCK, tail);
  }

  private static void decryptCts(SecretKeySpec key, byte[] in, int off, int len, byte[] out,
      int outOff) throws GeneralSecurityException {
    Cipher cbc = Jce.cbcDecrypt(key);
    if (len == BLOCK) {
      cbc.doFinal(in, off, BLOCK, out, outOff);
      return;
    }
    int tail = tailLength(len);
    int cmAt = off + len - tail - BLOCK;           // the swapped-in Cm
    // CBC with a zero IV on one block is the raw AES decryption: D(Cm) = C(m-1) xor Pm-padded
    byte[] d = cbc.doFinal(in, cmAt, BLOCK);
    byte[] prev = d.clone();                       // rebuild the full C(m-1)
    System.arraycopy(in, cmAt + BLOCK, prev, 0, tail);
    byte[] pm = new byte[tail];
    for (int i = 0; i < tail; i++) {
      pm[i] = (byte) (d[i] ^ prev[i]);
    }
    int head = cmAt - off;
    if (head > 0) {
      cbc.update(in, off, head, out, outOff);
    }
    cbc.doFinal(prev, 0, BLOCK, out, outOff + head);
    System.arraycopy(pm, 0, out, outOff + head + BLOCK, tail);
  }

  /** One AES block encryption (the "E" of RFC 3961 §5.1 DR for a one-block input). */
  static byte[] encryptBlock(SecretKeySpec key, byte[] block) {
    try {
      return Jce.ecbEncrypt(key).doFinal(block);
    } catch (GeneralSecurityException e) {
      Jce.forgetAesKeys();
      throw new InternalFaultException("AES block encryption failed", e);
    }
  }

  private static int tailLength(int len) {
    int r = len % BLOCK;
    return r == 0 ? BLOCK : r;
  }

  private static void checkLength(int len) {
    if (len < BLOCK) {
      throw new InternalFaultException("AES-CTS input of " + len + " bytes is below one block");
    }
  }
}
