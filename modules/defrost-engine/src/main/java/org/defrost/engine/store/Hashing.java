package org.defrost.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files and of canonical JSON values. */
public final class Hashing {
    private Hashing() {
    }

    /** SHA-256 of a file's bytes, as 64 lower-case hex digits. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * SHA-256 of the canonical JSON form of {@code value} (maps sorted by key), as hex. Equal values give
     * equal keys whatever the map order; integral numbers are normalised so that 3 and 3L agree.
     */
    public static String sha256OfJson(Object value) {
        try {
            byte[] bytes = Json.MAPPER.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(newDigest().digest(bytes));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be hashed as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java platform lacks SHA-256", e);
        }
    }
}
