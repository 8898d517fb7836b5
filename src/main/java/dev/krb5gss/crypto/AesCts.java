package dev.krb5gss.crypto;

import dev.krb5gss.error.InternalFaultException;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

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
  static void encrypt(SecretKey key, byte[] in, int off, int len, byte[] out, int outOff) {
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
  static void decrypt(SecretKey key, byte[] in, int off, int len, byte[] out, int outOff) {
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

  private static void encryptCts(SecretKey key, byte[] in, int off, int len, byte[] out,
      int outOff) throws GeneralSecurityException {
    Cipher cbc = Jce.cbcEncrypt(key);
    if (len == BLOCK) {
      cbc.doFinal(in, off, BLOCK, out, outOff);
      return;
    }
    int tail = tailLength(len);
    int head = len - tail;                         // full blocks C1..C(m-1)
    cbc.update(in, off, head, out, outOff);
    byte[] s = Scratch.get();                      // [0,16) Pm zero-padded, [16,32) Cm
    int last = Scratch.CTS;
    int cm = Scratch.CTS + BLOCK;
    try {
      java.util.Arrays.fill(s, last, last + BLOCK, (byte) 0);
      System.arraycopy(in, off + head, s, last, tail);
      cbc.doFinal(s, last, BLOCK, s, cm);
      int prev = outOff + head - BLOCK;            // where C(m-1) sits
      System.arraycopy(out, prev, s, last, BLOCK); // keep C(m-1)
      System.arraycopy(s, cm, out, prev, BLOCK);
      System.arraycopy(s, last, out, prev + BLOCK, tail);
    } finally {
      java.util.Arrays.fill(s, Scratch.CTS, Scratch.CTS + 3 * BLOCK, (byte) 0);
    }
  }

  private static void decryptCts(SecretKey key, byte[] in, int off, int len, byte[] out,
      int outOff) throws GeneralSecurityException {
    Cipher cbc = Jce.cbcDecrypt(key);
    if (len == BLOCK) {
      cbc.doFinal(in, off, BLOCK, out, outOff);
      return;
    }
    int tail = tailLength(len);
    int cmAt = off + len - tail - BLOCK;           // the swapped-in Cm
    byte[] s = Scratch.get();                      // [0,16) D(Cm), [16,32) C(m-1), [32,48) Pm
    int d = Scratch.CTS;
    int prev = d + BLOCK;
    int pm = prev + BLOCK;
    try {
      // CBC with a zero IV on one block is the raw AES decryption: D(Cm) = C(m-1) xor Pm-padded
      cbc.doFinal(in, cmAt, BLOCK, s, d);
      System.arraycopy(s, d, s, prev, BLOCK);      // rebuild the full C(m-1)
      System.arraycopy(in, cmAt + BLOCK, s, prev, tail);
      for (int i = 0; i < tail; i++) {
        s[pm + i] = (byte) (s[d + i] ^ s[prev + i]);
      }
      int head = cmAt - off;
      if (head > 0) {
        cbc.update(in, off, head, out, outOff);
      }
      cbc.doFinal(s, prev, BLOCK, out, outOff + head);
      System.arraycopy(s, pm, out, outOff + head + BLOCK, tail);
    } finally {
      java.util.Arrays.fill(s, Scratch.CTS, Scratch.CTS + 3 * BLOCK, (byte) 0);
    }
  }

  /**
   * One AES block encryption of {@code in[inOff, inOff+16)} into {@code out[outOff, outOff+16)}
   * (the ranges must not overlap).
   */
  static void encryptBlock(SecretKey key, byte[] in, int inOff, byte[] out, int outOff) {
    try {
      Jce.ecbEncrypt(key).doFinal(in, inOff, BLOCK, out, outOff);
    } catch (GeneralSecurityException e) {
      Jce.forgetAesKeys();
      throw new InternalFaultException("AES block encryption failed", e);
    }
  }

  /** One AES block encryption (the "E" of RFC 3961 §5.1 DR for a one-block input). */
  static byte[] encryptBlock(SecretKey key, byte[] block) {
    byte[] out = new byte[BLOCK];
    encryptBlock(key, block, 0, out, 0);
    return out;
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
