package org.defrost.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Takes over SIGINT (Ctrl-C) and SIGTERM so that a command stops the way it chooses and exits with its own
 * code: by default the JVM would run its shutdown hooks and exit with 128 + the signal, whatever the command
 * was doing. The first signal calls the command's stop action; a second one ends the process at once with
 * 128 + its number (for a stop that takes too long). Uses {@code sun.misc.Signal} (module {@code jdk.unsupported},
 * present in every JDK) through reflection, so that the build has no warning about internal API; where it is
 * missing, the JVM's default handling stays in place.
 */
final class StopSignals {
    /** Signal names and numbers on Linux and macOS. */
    static final Map<String, Integer> NUMBERS = Map.of("INT", 2, "TERM", 15);
    private static final Map<String, Object> PREVIOUS = new ConcurrentHashMap<>();
    private final AtomicReference<String> received = new AtomicReference<>();

    private StopSignals() {
    }

    /**
     * Installs handlers for SIGINT and SIGTERM that call {@code onStop} with the signal's name ({@code INT} or
     * {@code TERM}) on the first signal, from a thread of their own.
     */
    static StopSignals install(Consumer<String> onStop) {
        StopSignals signals = new StopSignals();
        for (String name : NUMBERS.keySet()) {
            signals.handle(name, onStop);
        }
        return signals;
    }

    /**
     * For a command that runs until it is stopped: installs the handlers, and a shutdown hook for the other ways
     * the JVM ends (SIGHUP, {@code System.exit} elsewhere). {@code stop} runs once, called by whichever comes
     * first; a later call waits until it has finished.
     *
     * @param hookName name of the shutdown hook's thread
     */
    static StopSignals untilStopped(String hookName, Runnable stop) {
        Runnable once = once(stop);
        StopSignals signals = install(signal -> once.run());
        Runtime.getRuntime().addShutdownHook(new Thread(once, hookName));
        return signals;
    }

    /** {@code stop}, run by the first call only; a call made while it runs waits until it has finished. */
    static Runnable once(Runnable stop) {
        return new Runnable() {
            private boolean stopped;

            @Override
            public synchronized void run() {
                if (!stopped) {
                    stopped = true;
                    stop.run();
                }
            }
        };
    }

    /** The first signal received ({@code INT} or {@code TERM}), or null. */
    String received() {
        return received.get();
    }

    /** The exit code of a command stopped by the signal received: 128 + its number. */
    int exitCode() {
        String name = received.get();
        return name == null ? ExitCodes.FAILED : 128 + NUMBERS.get(name);
    }

    /** Gives SIGINT and SIGTERM back to the JVM's default handling. */
    void uninstall() {
        PREVIOUS.forEach((name, handler) -> {
            try {
                Class<?> signal = Class.forName("sun.misc.Signal");
                Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
                signal.getMethod("handle", signal, handlerType).invoke(null, signal.getConstructor(String.class).newInstance(name),
                        handler);
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // the handler stays; the process is ending anyway
            }
        });
        PREVIOUS.clear();
    }

    private void handle(String name, Consumer<String> onStop) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            InvocationHandler h = (proxy, method, args) -> {
                switch (method.getName()) {
                    case "handle" -> {
                        if (received.compareAndSet(null, name)) {
                            Thread t = new Thread(() -> onStop.accept(name), "defrost-stop");
                            t.setDaemon(true);
                            t.start();
                        } else {
                            System.err.println("defrost: stopping at once");
                            System.err.flush();
                            Runtime.getRuntime().halt(128 + NUMBERS.get(name));
                        }
                        return null;
                    }
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                        return proxy == args[0];
                    }
                    default -> {
                        return "StopSignals[" + name + "]";
                    }
                }
            };
            Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerType}, h);
            Object previous = signal.getMethod("handle", signal, handlerType)
                    .invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
            PREVIOUS.putIfAbsent(name, previous);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.getLogger(StopSignals.class.getName()).log(System.Logger.Level.DEBUG,
                    "keeping the JVM's handling of SIG" + name + ": " + e);
        }
    }
}
