package org.defrost.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class EmbeddedBrokerTest {
    @TempDir
    Path dir;

    @Test
    void aBrokerOnATakenPortFailsNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String bind = "127.0.0.1:" + taken.getLocalPort();
            Exception e = assertThrows(Exception.class, () -> EmbeddedBroker.start(bind, dir.resolve("data"), 3));
            assertTrue(e.getMessage().startsWith("cannot start a broker on " + bind), e.getMessage());
        }
    }

    @Test
    void aTemporaryBrokerDeletesItsJournalWhenItCloses() throws Exception {
        Path data;
        try (EmbeddedBroker broker = EmbeddedBroker.startTemporary("127.0.0.1:" + BrokerDispatchTest.freePort(), 3)) {
            assertEquals(0, broker.messageCount(Queues.UNITS));
            assertEquals(0, broker.messageCount(Queues.DEAD_LETTERS));
            assertTrue(broker.url().startsWith("tcp://127.0.0.1:"), broker.url());
            data = broker.temporaryData();
            assertTrue(java.nio.file.Files.isDirectory(data.resolve("journal")), data.toString());
        }
        assertTrue(java.nio.file.Files.notExists(data), data.toString());
    }

    @Test
    void addressesAreHostColonPortWithIpv6InBrackets() {
        assertEquals(new HostPort("127.0.0.1", 61616), HostPort.parse("127.0.0.1:61616"));
        assertEquals(new HostPort("::1", 61617), HostPort.parse("[::1]:61617"));
        assertEquals("[::1]:61617", HostPort.parse("[::1]:61617").uriAuthority());
        assertEquals("example.org:1", HostPort.parse("example.org:1").uriAuthority());
        for (String bad : new String[] {"61616", ":61616", "host:", "host:0", "host:65536", "host:port"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPort.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("'" + bad + "' is not HOST:PORT"), e.getMessage());
        }
    }
}
