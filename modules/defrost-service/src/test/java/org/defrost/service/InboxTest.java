package org.defrost.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxTest {
    @TempDir
    Path root;

    @Test
    void aFileDroppedAgainUnderTheSameNameGetsANewUniqueName() throws Exception {
        Inbox inbox = new Inbox(root.resolve("inbox"));
        Ticket first = inbox.claim(Files.writeString(inbox.directory().resolve("a.yaml"), "one")).orElseThrow();
        Ticket second = inbox.claim(Files.writeString(inbox.directory().resolve("a.yaml"), "two")).orElseThrow();
        assertNotEquals(first.name(), second.name());
        assertEquals("a.yaml", first.originalName());
        assertEquals("a.yaml", second.originalName());
        assertTrue(first.name().endsWith("_a.yaml") && second.name().endsWith("_a.yaml"), first + " " + second);
        assertEquals("one", Files.readString(first.file()));
        assertEquals("two", Files.readString(second.file()));
        assertFalse(Files.exists(inbox.directory().resolve("a.yaml")));
    }

    @Test
    void aNameAlreadyUsedInProcessedOrFailedIsNotReused() throws Exception {
        Inbox inbox = new Inbox(root.resolve("inbox"));
        for (int i = 0; i < 20; i++) {
            Ticket t = inbox.claim(Files.writeString(inbox.directory().resolve("b.yaml"), "x" + i)).orElseThrow();
            if (i % 2 == 0) {
                inbox.fail(t, "bad " + i);
            } else {
                inbox.succeed(t, "good " + i);
            }
        }
        try (var failed = Files.list(inbox.directory().resolve(Inbox.FAILED));
             var processed = Files.list(inbox.directory().resolve(Inbox.PROCESSED))) {
            assertEquals(20, failed.count());
            assertEquals(20, processed.count());
        }
    }

    @Test
    void aFailedFileHasItsErrorBesideItAndLeavesRunning() throws Exception {
        Inbox inbox = new Inbox(root.resolve("inbox"));
        Ticket t = inbox.claim(Files.writeString(inbox.directory().resolve("c.yaml"), "text")).orElseThrow();
        Path moved = inbox.fail(t, "c.yaml:1:1: broken");
        assertEquals(inbox.failedPath(t), moved);
        assertEquals("text", Files.readString(moved));
        assertEquals("c.yaml:1:1: broken\n", Files.readString(moved.resolveSibling(t.name() + ".error.txt")));
        assertEquals(List.of(), inbox.interrupted());
    }

    @Test
    void filesLeftRunningAreFoundAgainWithTheirOriginalNames() throws Exception {
        Inbox inbox = new Inbox(root.resolve("inbox"));
        Ticket a = inbox.claim(Files.writeString(inbox.directory().resolve("z.yaml"), "1")).orElseThrow();
        Ticket b = inbox.claim(Files.writeString(inbox.directory().resolve("a_b.yaml"), "2")).orElseThrow();
        Ticket c = inbox.claim(Files.writeString(inbox.directory().resolve("z.yaml"), "3")).orElseThrow();
        assertEquals(Set.of(a, b, c), Set.copyOf(new Inbox(root.resolve("inbox")).interrupted()));
    }

    @Test
    void aFileThatVanishedBeforeItWasTakenIsSkipped() throws Exception {
        Inbox inbox = new Inbox(root.resolve("inbox"));
        assertTrue(inbox.claim(inbox.directory().resolve("gone.yaml")).isEmpty());
    }

    @Test
    void aVeryLongNameIsShortenedToFitTheFileSystem() throws Exception {
        Inbox inbox = new Inbox(root.resolve("inbox"));
        String name = "é".repeat(120) + ".yaml";
        Ticket t = inbox.claim(Files.writeString(inbox.directory().resolve(name), "x")).orElseThrow();
        Path moved = inbox.fail(t, "error");
        assertTrue(Files.exists(moved.resolveSibling(t.name() + ".error.txt")));
        assertTrue(t.name().getBytes(StandardCharsets.UTF_8).length <= 230, t.name());
        assertEquals(name, t.originalName());
    }
}
