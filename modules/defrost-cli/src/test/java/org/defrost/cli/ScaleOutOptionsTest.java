package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The scale-out options as users mistype them: exit codes and messages, without a broker running. */
@Timeout(60)
class ScaleOutOptionsTest {
    @TempDir
    Path dir;

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aWorkerNeedsABroker() {
        CommandLineTest.Result r = CommandLineTest.run("worker", "--workspace", dir.toString());
        assertEquals(DefrostCommand.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("Missing required option: '--broker=URL'"), r.err());
    }

    @Test
    void aWorkerWhoseBrokerCannotBeReachedExitsOneNamingIt() throws Exception {
        String url = "tcp://127.0.0.1:" + closedPort();
        CommandLineTest.Result r = CommandLineTest.run("worker", "--broker", url, "--workspace", dir.toString(),
                "--metrics-port", "0", "--threads", "1");
        assertEquals(DefrostCommand.RUN_FAILED, r.code());
        assertTrue(r.err().contains("cannot reach the broker at " + url), r.err());
    }

    @Test
    void aRunWhoseBrokerCannotBeReachedExitsOneBeforeRunningAnything() throws Exception {
        Path file = Files.writeString(dir.resolve("p.yaml"), "pipeline: p\nstages:\n  - id: tasks\n    uses: chmm\n");
        String url = "tcp://127.0.0.1:" + closedPort();
        CommandLineTest.Result r = CommandLineTest.run("run", "--broker", url, "--workspace", dir.resolve("w").toString(),
                "--metrics-port", "0", file.toString());
        assertEquals(DefrostCommand.RUN_FAILED, r.code());
        assertTrue(r.err().contains("cannot reach the broker at " + url), r.err());
        assertTrue(Files.notExists(dir.resolve("w/runs")));
    }

    @Test
    void aRunTakesEitherABrokerOrAnEmbeddedOne() throws Exception {
        Path file = Files.writeString(dir.resolve("p.yaml"), "pipeline: p\nstages:\n  - id: tasks\n    uses: chmm\n");
        CommandLineTest.Result r = CommandLineTest.run("run", "--broker", "tcp://127.0.0.1:61616", "--embedded-broker",
                "--workspace", dir.resolve("w").toString(), file.toString());
        assertEquals(DefrostCommand.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("use --broker or --embedded-broker, not both"), r.err());
    }

    @Test
    void serveTakesTheSameBrokerOptionsAndRefusesAnUnreachableBroker() throws Exception {
        CommandLineTest.Result both = CommandLineTest.run("serve", "--broker", "tcp://127.0.0.1:61616", "--embedded-broker",
                "--inbox", dir.resolve("in").toString(), "--workspace", dir.resolve("w").toString(), "--metrics-port", "0");
        assertEquals(DefrostCommand.INVALID_INPUT, both.code());
        assertTrue(both.err().contains("use --broker or --embedded-broker, not both"), both.err());
        String url = "tcp://127.0.0.1:" + closedPort();
        CommandLineTest.Result unreachable = CommandLineTest.run("serve", "--broker", url, "--inbox",
                dir.resolve("in").toString(), "--workspace", dir.resolve("w").toString(), "--metrics-port", "0");
        assertEquals(DefrostCommand.RUN_FAILED, unreachable.code());
        assertTrue(unreachable.err().contains("cannot reach the broker at " + url), unreachable.err());
    }

    @Test
    void brokerAddressesAreHostColonPort() {
        CommandLineTest.Result r = CommandLineTest.run("broker", "--bind", "61616", "--data", dir.toString());
        assertEquals(DefrostCommand.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("'61616' is not HOST:PORT"), r.err());
        CommandLineTest.Result url = CommandLineTest.run("worker", "--broker", "tcp://exa mple:1", "--workspace",
                dir.toString(), "--metrics-port", "0");
        assertEquals(DefrostCommand.INVALID_INPUT, url.code());
        assertTrue(url.err().contains("is not a broker URL"), url.err());
    }

    @Test
    void aBrokerOnATakenPortExitsOneNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            String bind = "127.0.0.1:" + taken.getLocalPort();
            CommandLineTest.Result r = CommandLineTest.run("broker", "--bind", bind, "--data", dir.toString());
            assertEquals(DefrostCommand.RUN_FAILED, r.code());
            assertTrue(r.err().contains("cannot start a broker on " + bind), r.err());
        }
    }

    @Test
    void aWildcardBrokerAddressIsShownAsThisMachinesName() throws Exception {
        String name = java.net.InetAddress.getLocalHost().getCanonicalHostName();
        assertEquals("tcp://" + name + ":61616", BrokerCommand.forOtherMachines("tcp://0.0.0.0:61616"));
        assertEquals("tcp://127.0.0.1:61616", BrokerCommand.forOtherMachines("tcp://127.0.0.1:61616"));
    }
}
