package org.defrost.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File-system errors keep the operating system's reason next to the path. */
class OsErrorsTest {
    @TempDir
    Path dir;

    @Test
    void javaExceptionsThatCarryOnlyThePathGetTheirReason() {
        assertEquals("/w/artifacts: permission denied", OsErrors.describe(new AccessDeniedException("/w/artifacts")));
        assertEquals("/d/x.npy: no such file or directory", OsErrors.describe(new NoSuchFileException("/d/x.npy")));
        assertEquals("/a -> /b: directory not empty",
                OsErrors.describe(new FileSystemException("/a", "/b", "Directory not empty")));
        assertEquals("/d/x.npy: permission denied",
                OsErrors.describe(new UncheckedIOException(new AccessDeniedException("/d/x.npy"))), "a wrapper shows its cause");
        assertEquals("permission denied", OsErrors.reason(new AccessDeniedException("/x")));
        assertEquals("plain message", OsErrors.describe(new IOException("plain message")));
    }

    @Test
    void aRealNotADirectoryErrorIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> new ArtifactStore(file.resolve("workspace")));
        String text = OsErrors.describe(e);
        assertEquals(file.resolve("workspace") + ": not a directory", text);
    }
}
