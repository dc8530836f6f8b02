package org.defrost.tasks.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 digests of the files a stage reads besides its input artifacts, for
 * {@link org.defrost.spi.Stage#fileDigests}: changing a file's bytes changes its digest, and so the stage's keys.
 */
public final class FileDigests {
    private FileDigests() {
    }

    /**
     * {@code sha256:HEX} of a regular file's bytes, or of a directory's regular files (each relative name, '/'-separated,
     * its size and its bytes, in name order, at any depth).
     *
     * @throws IOException when the path or a file below it cannot be read
     */
    public static String of(Path path) throws IOException {
        MessageDigest sha = sha256();
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                sha.update(path.relativize(f).toString().replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(Files.size(f)).array());
                update(sha, f);
            }
        } else {
            update(sha, path);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
