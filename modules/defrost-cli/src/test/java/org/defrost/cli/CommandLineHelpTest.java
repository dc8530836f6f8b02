package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Help texts, "did you mean" for mistyped options and commands, and the environment variables documented. */
class CommandLineHelpTest {
    private static final Pattern VARIABLE = Pattern.compile("\\bDEFROST_[A-Z_]+\\b|\\bJAVA_HOME\\b");

    @Test
    void everyDescriptionLineIsWholeSentencesSoThatTheCommandListIsNotCutMidSentence() {
        check(DefrostCommand.commandLine());
    }

    private static void check(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            String[] description = sub.getCommandSpec().usageMessage().description();
            String name = sub.getCommandSpec().qualifiedName();
            assertTrue(description.length > 0, name + " has a description");
            for (String raw : description) {
                String line = raw.replace("%n", "").strip();
                assertTrue(line.isEmpty() || line.endsWith(".") || line.endsWith(":"),
                        name + ": a description line that does not end a sentence: '" + line + "'");
            }
            check(sub);
        }
    }

    @Test
    void mistypedOptionsAndCommandsGetDidYouMean() {
        CommandLineTest.Result option = CommandLineTest.run("run", "--thread", "2", "x.yaml");
        assertEquals(2, option.code());
        assertTrue(option.err().contains("Did you mean '--threads'?"), option.err());
        CommandLineTest.Result command = CommandLineTest.run("valdate", "x.yaml");
        assertEquals(2, command.code());
        assertTrue(command.err().contains("Did you mean 'validate'?"), command.err());
        CommandLineTest.Result shortCommand = CommandLineTest.run("rnu", "x.yaml");
        assertEquals(2, shortCommand.code());
        assertTrue(shortCommand.err().contains("Did you mean 'run'?"), shortCommand.err());
        CommandLineTest.Result nothingClose = CommandLineTest.run("run", "--zzzzzzzz", "x.yaml");
        assertFalse(nothingClose.err().contains("Did you mean"), nothingClose.err());
    }

    @Test
    void everyEnvironmentVariableThatDefrostReadsIsListedInTheHelpAndTheReadme() throws IOException {
        Set<String> read = new TreeSet<>(variables(Files.readString(Path.of("../../defrost"))));
        try (Stream<Path> sources = Files.walk(Path.of(".."))) {
            for (Path f : sources.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/")).toList()) {
                String text = Files.readString(f);
                Matcher m = Pattern.compile("getenv\\(\"([A-Z_]+)\"\\)|\\$\\{env:([A-Z_]+)").matcher(text);
                while (m.find()) {
                    read.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        }
        assertTrue(read.containsAll(Set.of("DEFROST_WORKSPACE", "DEFROST_PLUGINS", "DEFROST_JAVA_OPTS", "DEFROST_SKIP_BUILD",
                "JAVA_HOME")), read.toString());
        Set<String> help = variables(CommandLineTest.run("--help").out());
        Set<String> readme = variables(Files.readString(Path.of("../../README.md")));
        assertTrue(help.containsAll(read), "help lists " + help + ", defrost reads " + read);
        assertTrue(readme.containsAll(read), "README lists " + readme + ", defrost reads " + read);
    }

    private static Set<String> variables(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
