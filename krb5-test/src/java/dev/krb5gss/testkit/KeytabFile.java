package dev.krb5gss.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes MIT keytab files, format version 0x0502 (the file format documented in MIT krb5's
 * {@code doc/formats/keytab_file_format.rst}), from {@link LongTermKey}s. Written by hand rather
 * than with Kerby's {@code Keytab} because Kerby maps unknown enctype numbers (19, 20) to 0.
 */
public final class KeytabFile {
    private static final int NT_PRINCIPAL = 1;

    private KeytabFile() {
    }

    /** Writes {@code keys} to {@code file}, replacing it; returns {@code file}. */
    public static Path write(Path file, List<LongTermKey> keys) {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeShort(0x0502);
            long now = Instant.now().getEpochSecond();
            for (LongTermKey key : keys) {
                byte[] entry = entry(key, now);
                out.writeInt(entry.length);
                out.write(entry);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write keytab " + file, e);
        }
    }

    private static byte[] entry(LongTermKey key, long timestamp) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        String[] components = key.nameWithoutRealm().split("/");
        out.writeShort(components.length);
        writeCounted(out, key.realm().getBytes(StandardCharsets.UTF_8));
        for (String component : components) {
            writeCounted(out, component.getBytes(StandardCharsets.UTF_8));
        }
        out.writeInt(NT_PRINCIPAL);
        out.writeInt((int) timestamp);
        out.writeByte(key.kvno() & 0xff);
        out.writeShort(key.enctype().id());
        writeCounted(out, key.keyBytes());
        out.writeInt(key.kvno());
        return bytes.toByteArray();
    }

    private static void writeCounted(DataOutputStream out, byte[] data) throws IOException {
        out.writeShort(data.length);
        out.write(data);
    }
}
