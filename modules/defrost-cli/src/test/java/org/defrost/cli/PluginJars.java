package org.defrost.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Builds plugins in tests: compiles Java sources and packs directories into jars. */
final class PluginJars {
    /** The service file that lists a plugin's stages. */
    static final String SERVICE_FILE = "META-INF/services/org.defrost.spi.Stage";

    private PluginJars() {
    }

    /**
     * Compiles {@code sources} (file name relative to the source root, e.g. {@code com/example/A.java}, to its
     * text) into {@code classes}, against the test class path plus {@code extraClassPath}.
     */
    static Path compile(Map<String, String> sources, Path classes, List<Path> extraClassPath) throws IOException {
        Path src = Files.createTempDirectory("defrost-plugin-sources");
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            files.add(Files.writeString(f, e.getValue()));
        }
        Files.createDirectories(classes);
        StringBuilder classPath = new StringBuilder(System.getProperty("java.class.path"));
        extraClassPath.forEach(p -> classPath.append(java.io.File.pathSeparator).append(p));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = compiler.getTask(null, fm, diagnostics, List.of("--release", "17", "-d", classes.toString(),
                    "-classpath", classPath.toString()), null, fm.getJavaFileObjectsFromPaths(files)).call();
            if (!ok) {
                throw new IllegalStateException("test plugin sources do not compile: " + diagnostics.getDiagnostics());
            }
        } finally {
            try (Stream<Path> walk = Files.walk(src)) {
                for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
        return classes;
    }

    /** Writes a jar holding the files under each of {@code roots}, later roots adding to earlier ones. */
    static Path jar(Path jar, Path... roots) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path root : roots) {
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                        out.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
                        Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            }
        }
        return jar;
    }

    /** Writes a jar with the given entries (name to text). */
    static Path jarOf(Path jar, Map<String, String> entries) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /**
     * The linear-probe example plugin as the build made it: the file named by the system property
     * {@code defrost.linearProbeJar}, copied to {@code target}; a directory of classes (what a reactor build
     * that stops before packaging resolves) is packed into a jar first.
     */
    static Path linearProbe(Path target) throws IOException {
        String property = System.getProperty("defrost.linearProbeJar");
        if (property == null || property.isBlank() || property.startsWith("${")) {
            throw new IllegalStateException("system property defrost.linearProbeJar does not name the linear-probe plugin "
                    + "jar; run the tests through Maven, which builds the plugin first and sets it");
        }
        Path built = Path.of(property);
        if (Files.isDirectory(built)) {
            return jar(target, built);
        }
        Files.createDirectories(target.getParent());
        return Files.copy(built, target);
    }
}
