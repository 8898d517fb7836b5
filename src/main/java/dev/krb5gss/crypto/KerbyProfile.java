package dev.krb5gss.crypto;

import dev.krb5gss.error.InternalFaultException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.crypto.CheckSumHandler;
import org.apache.kerby.kerberos.kerb.crypto.CheckSumTypeHandler;
import org.apache.kerby.kerberos.kerb.crypto.EncTypeHandler;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;

/**
 * An RFC 3961 profile backed by Kerby's crypto (used for enctypes we do not implement on
 * javax.crypto ourselves). Kerby derives keys on every call; profiles of our own cache them.
 */
final class KerbyProfile implements CryptoProfile {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EncType encType;
  private final EncTypeHandler enc;
  private final CheckSumTypeHandler sum;

  KerbyProfile(EncType encType) {
    this.encType = encType;
    try {
      this.enc = EncryptionHandler.getEncHandler(encType.id());
      this.sum = CheckSumHandler.getCheckSumHandler(enc.checksumType());
    } catch (KrbException e) {
      throw new InternalFaultException("Kerby has no handler for " + encType, e);
    }
  }

  @Override
  public EncType encType() {
    return encType;
  }

  @Override
  public int keyLength() {
    return enc.keySize();
  }

  @Override
  public int checksumType() {
    return enc.checksumType().getValue();
  }

  @Override
  public int checksumLength() {
    return sum.cksumSize();
  }

  @Override
  public int encryptionOverhead() {
    return enc.confounderSize() + enc.checksumSize();
  }

  @Override
  public CipherKey key(SecretBytes protocolKey) {
    return new CipherKey(encType, protocolKey);
  }

  @Override
  public CipherKey randomKey() {
    byte[] seed = new byte[enc.keyInputSize()];
    RANDOM.nextBytes(seed);
    try {
      return key(SecretBytes.wrap(enc.random2Key(seed)));
    } catch (KrbException e) {
      throw new InternalFaultException("random key for " + encType, e);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  @Override
  public byte[] encrypt(CipherKey key, int usage, byte[] plaintext, int offset, int length) {
    try {
      return enc.encrypt(Arrays.copyOfRange(plaintext, offset, offset + length),
          key.secret().unsafeBytes(), usage);
    } catch (KrbException e) {
      throw new InternalFaultException("encryption failed for " + encType, e);
    }
  }

  @Override
  public byte[] decrypt(CipherKey key, int usage, byte[] ciphertext, int offset, int length)
      throws IntegrityException {
    if (length < encryptionOverhead()) {
      throw new IntegrityException("ciphertext of " + length + " bytes is shorter than the "
          + encryptionOverhead() + " bytes of confounder and checksum");
    }
    try {
      return enc.decrypt(Arrays.copyOfRange(ciphertext, offset, offset + length),
          key.secret().unsafeBytes(), usage);
    } catch (KrbException | RuntimeException e) {
      throw new IntegrityException("integrity check failed for " + encType);
    }
  }

  @Override
  public byte[] checksum(CipherKey key, int usage, byte[] data, int offset, int length) {
    try {
      return sum.checksumWithKey(data, offset, length, key.secret().unsafeBytes(), usage);
    } catch (KrbException e) {
      throw new InternalFaultException("checksum failed for " + encType, e);
    }
  }
}
