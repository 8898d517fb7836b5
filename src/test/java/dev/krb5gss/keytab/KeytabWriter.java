package dev.krb5gss.keytab;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Test helper: writes MIT keytab files (format 0x0502) with random keys of the given enctypes. */
public final class KeytabWriter {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final List<byte[]> records = new ArrayList<>();

  /** Adds an entry {@code principal} ("a/b@R"), kvno, enctype with a random key of the right size. */
  public KeytabWriter add(String principal, int kvno, int encType) {
    byte[] key = new byte[encType == 18 || encType == 20 ? 32 : 16];
    RANDOM.nextBytes(key);
    return add(principal, kvno, encType, key);
  }

  public KeytabWriter add(String principal, int kvno, int encType, byte[] key) {
    String[] at = principal.split("@", 2);
    String[] comps = at[0].split("/");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeShort(comps.length);
      writeString(out, at[1]);
      for (String c : comps) {
        writeString(out, c);
      }
      out.writeInt(comps.length > 1 ? 3 : 1);
      out.writeInt(1_700_000_000);
      out.writeByte(kvno & 0xff);
      out.writeShort(encType);
      out.writeShort(key.length);
      out.write(key);
      out.writeInt(kvno);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    records.add(bytes.toByteArray());
    return this;
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeShort(0x0502);
      for (byte[] r : records) {
        out.writeInt(r.length);
        out.write(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public Path writeTo(Path file) {
    try {
      return Files.write(file, toBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeShort(b.length);
    out.write(b);
  }
}
