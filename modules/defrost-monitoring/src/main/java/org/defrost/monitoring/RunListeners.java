package org.defrost.monitoring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import org.defrost.engine.run.RunListener;

/** Combines run listeners, e.g. a progress display and metrics. */
public final class RunListeners {
    private RunListeners() {
    }

    /**
     * A listener that passes every event to each of {@code listeners}, in order. Every listener hears every
     * event even when an earlier one throws; the first exception is rethrown after all have been called. Every method
     * of {@link RunListener} is passed on, including those added to it later.
     */
    public static RunListener compose(RunListener... listeners) {
        List<RunListener> all = List.of(listeners);
        return (RunListener) Proxy.newProxyInstance(RunListener.class.getClassLoader(), new Class<?>[] {RunListener.class},
                (proxy, method, args) -> method.getDeclaringClass() == Object.class ? identity(proxy, method, args, all)
                        : each(all, method, args));
    }

    private static Object each(List<RunListener> all, Method event, Object[] args) throws Throwable {
        RuntimeException first = null;
        for (RunListener l : all) {
            try {
                event.invoke(l, args);
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof RuntimeException thrown)) {
                    throw e.getCause();
                }
                if (first == null) {
                    first = thrown;
                } else {
                    first.addSuppressed(thrown);
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return null;
    }

    /** {@code equals}, {@code hashCode} and {@code toString} of the composed listener: it is equal only to itself. */
    private static Object identity(Object proxy, Method method, Object[] args, List<RunListener> all) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "RunListeners.compose" + all;
        };
    }
}
