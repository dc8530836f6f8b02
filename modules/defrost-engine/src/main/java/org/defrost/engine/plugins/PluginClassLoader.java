package org.defrost.engine.plugins;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A child-first class loader: a plugin's own classes and libraries win over the application's, except for
 * {@link #PARENT_FIRST} packages, which must be shared to avoid linkage errors.
 */
public final class PluginClassLoader extends URLClassLoader {
    /**
     * Always loaded from the application: the Java platform, the stage SPI (the types a plugin and the engine
     * exchange), and the logging API (so that plugin logs reach the application's logging).
     */
    public static final List<String> PARENT_FIRST = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "org.w3c.",
            "org.xml.", "org.defrost.spi.", "org.slf4j.");

    static {
        ClassLoader.registerAsParallelCapable();
    }

    public PluginClassLoader(String name, URL[] urls, ClassLoader parent) {
        super(name, urls, parent);
    }

    private static boolean parentFirst(String name) {
        for (String prefix : PARENT_FIRST) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (parentFirst(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException notInPlugin) {
                    c = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    /**
     * The plugin's own resources only, for names it must not inherit from the application (service files:
     * otherwise every plugin would also report the built-in stages); the plugin's first, then the
     * application's, for everything else.
     */
    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        if (!name.startsWith("META-INF/services/")) {
            all.addAll(Collections.list(getParent().getResources(name)));
        }
        return Collections.enumeration(all);
    }
}
