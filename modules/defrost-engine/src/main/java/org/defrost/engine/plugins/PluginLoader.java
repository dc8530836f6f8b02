package org.defrost.engine.plugins;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.defrost.engine.registry.StageRegistry;

/**
 * Builds the stage registry from the application's stages and the plugins in one or more directories.
 *
 * <p>A plugin is a {@code .jar} file in the directory (possibly a shaded jar with its libraries), or a
 * sub-directory holding {@code META-INF/services/org.defrost.spi.Stage} and classes, plus any jars directly
 * in it or in its {@code lib/}. Other files and directories are ignored. A plugin that cannot be opened or
 * whose stages fail to load is reported against its file and skipped; the rest load.
 */
public final class PluginLoader {
    static final String SERVICE_FILE = "META-INF/services/org.defrost.spi.Stage";

    private PluginLoader() {
    }

    /** The built-in stages plus those of every plugin in {@code directory} (which may be absent). */
    public static StageRegistry registry(Path directory) {
        return registry(directory == null ? List.of() : List.of(directory));
    }

    /**
     * The built-in stages plus those of every plugin in {@code directories}, in order; absent directories are
     * skipped, and a directory named twice (also through a link) is read once.
     */
    public static StageRegistry registry(List<Path> directories) {
        StageRegistry.Builder builder = StageRegistry.builder();
        ClassLoader app = PluginLoader.class.getClassLoader();
        builder.scan(app, "built-in");
        Set<Path> seen = new HashSet<>();
        for (Path directory : directories) {
            if (Files.isDirectory(directory) && seen.add(realPath(directory))) {
                scan(directory, builder, app);
            }
        }
        return builder.build();
    }

    private static void scan(Path directory, StageRegistry.Builder builder, ClassLoader app) {
        List<Path> entries;
        try (Stream<Path> s = Files.list(directory)) {
            entries = s.sorted().toList();
        } catch (IOException e) {
            builder.problem(directory + ": cannot list plugins: " + e.getMessage());
            return;
        }
        for (Path entry : entries) {
            try {
                List<URL> urls = classPath(entry);
                if (!urls.isEmpty()) {
                    String origin = entry.toAbsolutePath().normalize().toString();
                    builder.scan(new PluginClassLoader("plugin " + entry.getFileName(), urls.toArray(URL[]::new), app), origin);
                }
            } catch (IOException e) {
                builder.problem(entry + ": not a readable plugin: " + e.getMessage());
            }
        }
    }

    private static Path realPath(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory.toAbsolutePath().normalize();
        }
    }

    /** The class path of a plugin entry, empty when the entry is not a plugin. */
    static List<URL> classPath(Path entry) throws IOException {
        List<URL> urls = new ArrayList<>();
        if (Files.isRegularFile(entry) && entry.getFileName().toString().endsWith(".jar")) {
            try (ZipFile zip = new ZipFile(entry.toFile())) {
                zip.size(); // opening checks that the file is a zip archive at all
            }
            urls.add(url(entry));
        } else if (Files.isDirectory(entry)) {
            List<Path> jars = new ArrayList<>(jarsIn(entry));
            jars.addAll(jarsIn(entry.resolve("lib")));
            if (Files.isRegularFile(entry.resolve(SERVICE_FILE))) {
                urls.add(url(entry));
            }
            if (!urls.isEmpty() || !jars.isEmpty()) {
                for (Path jar : jars) {
                    urls.add(url(jar));
                }
            }
        }
        return urls;
    }

    private static List<Path> jarsIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static URL url(Path p) throws MalformedURLException {
        return p.toAbsolutePath().normalize().toUri().toURL();
    }
}
