package org.defrost.engine.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.defrost.engine.registry.RegisteredStage;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {
    @TempDir
    Path plugins;

    /** A stage plugins provide in these tests; the engine's test class path has no built-in stages. */
    public static final class Greeting implements Stage {
        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("greeting", "1", "Writes nothing.", List.of(), List.of(), List.of("greeting"),
                    StageScope.WHOLE_PIPELINE);
        }

        @Override
        public void run(StageContext context) {
        }
    }

    /** A stage whose declaration fails. */
    public static final class Broken implements Stage {
        @Override
        public StageDescriptor descriptor() {
            throw new IllegalStateException("descriptor not ready");
        }

        @Override
        public void run(StageContext context) {
        }
    }

    private static String serviceFile(Class<?>... stages) {
        StringBuilder sb = new StringBuilder("# stages\n");
        for (Class<?> c : stages) {
            sb.append(c.getName()).append('\n');
        }
        return sb.toString();
    }

    /** A directory plugin: the service file only; the classes come from the application. */
    private Path directoryPlugin(String name, String services) throws IOException {
        Path dir = plugins.resolve(name);
        Path file = dir.resolve(PluginLoader.SERVICE_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, services);
        return dir;
    }

    /** A jar plugin holding the service file and its own copies of {@code classes}. */
    private Path jarPlugin(String name, String services, Class<?>... classes) throws IOException {
        Path jar = plugins.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, PluginLoader.SERVICE_FILE, services.getBytes(StandardCharsets.UTF_8));
            for (Class<?> c : classes) {
                String path = c.getName().replace('.', '/') + ".class";
                try (InputStream in = c.getClassLoader().getResourceAsStream(path)) {
                    put(out, path, in.readAllBytes());
                }
            }
        }
        return jar;
    }

    private static void put(JarOutputStream out, String path, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(path));
        out.write(bytes);
        out.closeEntry();
    }

    private static String origin(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    @Test
    void aMissingPluginDirectoryLeavesTheBuiltInStagesOnly() {
        StageRegistry registry = PluginLoader.registry(plugins.resolve("absent"));
        assertEquals(List.of(), registry.problems());
        assertEquals(List.of(), List.copyOf(registry.types()));
    }

    @Test
    void aJarPluginLoadsItsOwnCopyOfItsClassesWithTheJarAsOrigin() throws IOException {
        Path jar = jarPlugin("greeting.jar", serviceFile(Greeting.class), Greeting.class);
        StageRegistry registry = PluginLoader.registry(plugins);
        assertEquals(List.of(), registry.problems());
        RegisteredStage greeting = registry.find("greeting").orElseThrow();
        assertEquals(origin(jar), greeting.origin());
        assertTrue(greeting.stage().getClass().getClassLoader() instanceof PluginClassLoader);
        assertNotSame(Greeting.class, greeting.stage().getClass(), "child first: the plugin's own class wins");
        assertEquals(Stage.class, greeting.stage().getClass().getInterfaces()[0], "the SPI is shared with the engine");
    }

    @Test
    void aDirectoryPluginLoadsWithTheDirectoryAsOrigin() throws IOException {
        Path dir = directoryPlugin("greeting", serviceFile(Greeting.class));
        StageRegistry registry = PluginLoader.registry(plugins);
        assertEquals(List.of(), registry.problems());
        assertEquals(origin(dir), registry.find("greeting").orElseThrow().origin());
    }

    @Test
    void aFileThatIsNotAJarIsReportedAgainstItsFileAndTheOtherPluginsStillLoad() throws IOException {
        Files.writeString(plugins.resolve("corrupt.jar"), "this is not a zip archive");
        directoryPlugin("greeting", serviceFile(Greeting.class));
        StageRegistry registry = PluginLoader.registry(plugins);
        assertEquals(1, registry.problems().size(), registry.problems().toString());
        assertTrue(registry.problems().get(0).startsWith(plugins.resolve("corrupt.jar") + ": not a readable plugin: "),
                registry.problems().get(0));
        assertTrue(registry.find("greeting").isPresent());
    }

    @Test
    void aServiceNamingAMissingClassIsReportedAgainstItsJar() throws IOException {
        Path jar = jarPlugin("missing.jar", "org.example.NoSuchStage\n");
        StageRegistry registry = PluginLoader.registry(plugins);
        assertEquals(1, registry.problems().size(), registry.problems().toString());
        String problem = registry.problems().get(0);
        assertTrue(problem.startsWith(origin(jar) + ": a stage could not be loaded: "), problem);
        assertTrue(problem.contains("org.example.NoSuchStage"), problem);
    }

    @Test
    void aStageWhoseDeclarationFailsIsReportedAndItsNeighboursLoad() throws IOException {
        Path dir = directoryPlugin("mixed", serviceFile(Broken.class, Greeting.class));
        StageRegistry registry = PluginLoader.registry(plugins);
        assertEquals(List.of(origin(dir) + ": a stage failed: descriptor not ready"), registry.problems());
        assertTrue(registry.find("greeting").isPresent());
    }

    @Test
    void twoPluginsProvidingOneTypeAreBothRejectedNamingBoth() throws IOException {
        Path jar = jarPlugin("a-greeting.jar", serviceFile(Greeting.class), Greeting.class);
        Path dir = directoryPlugin("b-greeting", serviceFile(Greeting.class));
        StageRegistry registry = PluginLoader.registry(plugins);
        assertEquals(List.of("stage type 'greeting' is provided more than once, by " + origin(jar) + " and "
                + origin(dir) + "; none of them is used"), registry.problems());
        assertTrue(registry.find("greeting").isEmpty());
    }

    @Test
    void otherFilesAndDirectoriesAreNotPlugins() throws IOException {
        Files.writeString(plugins.resolve("README.txt"), "drop plugin jars here");
        Files.createDirectories(plugins.resolve("empty"));
        try (OutputStream out = Files.newOutputStream(plugins.resolve("notes.zip"))) {
            out.write(new byte[] {1, 2, 3});
        }
        StageRegistry registry = PluginLoader.registry(plugins);
        assertEquals(List.of(), registry.problems());
        assertEquals(List.of(), List.copyOf(registry.types()));
    }
}
