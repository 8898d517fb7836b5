package dev.krb5gss.bench;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A token file written by {@code krb5-test/bench/tokgen.c}: records of a 4-byte big-endian
 * length and that many bytes of one initial context token (RFC 2743 section 3.1).
 */
final class TokenFile {

    /** Far above any AP-REQ; a larger length means the file is not a token file. */
    static final int MAX_TOKEN = 1 << 20;

    private TokenFile() {
    }

    static List<byte[]> read(Path path) throws IOException {
        List<byte[]> tokens = new ArrayList<>();
        long remaining = Files.size(path);
        try (InputStream raw = Files.newInputStream(path);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            while (remaining > 0) {
                if (remaining < 4) {
                    throw new EOFException(path + ": truncated length prefix");
                }
                int length = in.readInt();
                remaining -= 4;
                if (length <= 0 || length > MAX_TOKEN || length > remaining) {
                    throw new IOException(path + ": expected a token length in 1.."
                            + Math.min(MAX_TOKEN, remaining) + ", got " + length);
                }
                byte[] token = new byte[length];
                in.readFully(token);
                remaining -= length;
                tokens.add(token);
            }
        }
        if (tokens.isEmpty()) {
            throw new IOException(path + ": no tokens");
        }
        return tokens;
    }
}
