package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where stage plugins are looked for when no {@code --plugins} is given. */
class PluginDirectoriesTest {
    @TempDir
    Path home;

    @AfterEach
    void forgetHome() {
        System.clearProperty(PluginOptions.HOME_PROPERTY);
    }

    @Test
    void pluginsBesideTheLauncherAreFoundFromAnotherDirectory() throws Exception {
        PluginJars.linearProbe(Files.createDirectories(home.resolve("plugins")).resolve("linear-probe.jar"));
        assertFalse(Files.exists(Path.of("plugins")), "the test runs where ./plugins does not exist");
        assertFalse(CommandLineTest.run("stages").out().contains("linear-probe"), "no plugin without the launcher's home");

        System.setProperty(PluginOptions.HOME_PROPERTY, home.toString());
        CommandLineTest.Result r = CommandLineTest.run("stages");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("linear-probe ")
                && l.endsWith(home.resolve("plugins/linear-probe.jar").toAbsolutePath().normalize().toString())), r.out());
    }

    @Test
    void anExplicitDirectoryReplacesTheDefaults() {
        System.setProperty(PluginOptions.HOME_PROPERTY, home.toString());
        PluginOptions options = new PluginOptions();
        assertEquals(List.of(Path.of("plugins"), home.resolve("plugins")), options.directories());
        options.plugins = Path.of("elsewhere");
        assertEquals(List.of(Path.of("elsewhere")), options.directories());
    }
}
