package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exit codes that each command's help gives agree with README.md's table and with {@link ExitCodes}. */
class ExitCodeDocsTest {
    private static String readmeRow(String command) throws Exception {
        return Files.readAllLines(Path.of("../../README.md")).stream().filter(l -> l.startsWith("| `" + command + "`"))
                .findFirst().orElseThrow(() -> new AssertionError("README.md has no exit-code row for " + command));
    }

    private static String help(String command) {
        CommandLineTest.Result r = CommandLineTest.run(command, "--help");
        assertEquals(0, r.code());
        return r.out().replaceAll("\\s+", " ");
    }

    @Test
    void runsHelpAndTheReadmeGiveTheSignalCodes() throws Exception {
        String help = help("run");
        assertTrue(help.contains("Exit codes: 0 success, 1 the run failed, 2 invalid pipeline or options (nothing ran), "
                + ExitCodes.STOPPED_BY_INTERRUPT + " stopped by Ctrl-C, " + ExitCodes.STOPPED_BY_TERM + " stopped by SIGTERM"), help);
        String row = readmeRow("run");
        assertTrue(row.contains("stopped by Ctrl-C (SIGINT) | stopped by SIGTERM |"), row);
        assertTrue(Files.readString(Path.of("../../README.md")).contains("| command | 0 | 1 | 2 | 130 | 143 |"));
    }

    @Test
    void longRunningCommandsEndWithZeroOnSigtermInHelpAndReadme() throws Exception {
        for (String command : List.of("serve", "worker", "broker")) {
            assertTrue(help(command).contains("Exit codes: 0 stopped by SIGTERM or Ctrl-C (its normal end)"), command);
            assertTrue(readmeRow(command).contains("| stopped by SIGTERM or Ctrl-C, its normal end |"), command);
        }
    }

    @Test
    void everyOtherCommandsHelpGivesItsCodes() throws Exception {
        for (String command : List.of("report", "runs", "gc")) {
            assertTrue(help(command).contains("Exit codes: 0 "), command);
            readmeRow(command.equals("report") ? "report" : "runs");
        }
    }
}
