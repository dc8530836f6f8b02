package org.defrost.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.defrost.engine.run.RunListener;
import org.junit.jupiter.api.Test;

class RunListenersTest {

    @Test
    void everyListenerHearsEveryEventInOrder() {
        List<String> heard = new ArrayList<>();
        RunListener a = new RunListener() {
            @Override
            public void unitsPlanned(String stageType, int count) {
                heard.add("a " + stageType + " " + count);
            }
        };
        RunListener b = new RunListener() {
            @Override
            public void unitsPlanned(String stageType, int count) {
                heard.add("b " + stageType + " " + count);
            }

            @Override
            public void runFinished(String runId, String pipeline, String status, double seconds) {
                heard.add("b " + pipeline + " " + status);
            }
        };
        RunListener both = RunListeners.compose(a, b);
        both.unitsPlanned("train", 3);
        both.runFinished("r", "sweep", "succeeded", 1);
        assertEquals(List.of("a train 3", "b train 3", "b sweep succeeded"), heard);
    }

    @Test
    void everyMethodOfTheListenerIsPassedOnWithItsArguments() throws Exception {
        List<String> heard = new ArrayList<>();
        RunListener recording = (RunListener) Proxy.newProxyInstance(RunListener.class.getClassLoader(),
                new Class<?>[] {RunListener.class}, (proxy, method, args) -> {
                    heard.add(method.getName() + Arrays.toString(args));
                    return null;
                });
        RunListener composed = RunListeners.compose(recording);
        List<String> expected = new ArrayList<>();
        for (Method m : RunListener.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Object[] args = new Object[m.getParameterCount()];
            for (int i = 0; i < args.length; i++) {
                Class<?> type = m.getParameterTypes()[i];
                args[i] = type == int.class ? (Object) (i + 1) : type == long.class ? (Object) (i + 1L)
                        : type == double.class ? (Object) (i + 0.5) : type == boolean.class ? (Object) true
                        : type == String.class ? "s" + i : null;
            }
            m.invoke(composed, args);
            expected.add(m.getName() + Arrays.toString(args));
        }
        assertEquals(expected, heard);
    }

    @Test
    void theComposedListenerIsEqualOnlyToItself() {
        RunListener a = RunListeners.compose();
        RunListener b = RunListeners.compose();
        assertEquals(a, a);
        assertEquals(System.identityHashCode(a), a.hashCode());
        assertFalse(a.equals(b));
    }

    @Test
    void anErrorIsNotHeldBackForTheOtherListeners() {
        AssertionError fatal = new AssertionError("fatal");
        assertEquals(List.of(), heardAfterTheFirstThrows(fatal, () -> {
            throw fatal;
        }));
    }

    @Test
    void aThrowingListenerDoesNotSilenceTheOthersAndItsErrorSurfaces() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertEquals(List.of("epoch 3"), heardAfterTheFirstThrows(boom, () -> {
            throw boom;
        }));
    }

    /**
     * Composes a listener that runs {@code raise} on a status message with one that records it, sends one message,
     * checks that {@code thrown} surfaces, and returns what the second listener heard.
     */
    private static List<String> heardAfterTheFirstThrows(Throwable thrown, Runnable raise) {
        List<String> heard = new ArrayList<>();
        RunListener both = RunListeners.compose(onStatus(message -> raise.run()), onStatus(heard::add));
        assertSame(thrown, assertThrows(Throwable.class, () -> both.status("train", "epoch 3")));
        return heard;
    }

    /** A listener that hears status messages only. */
    private static RunListener onStatus(Consumer<String> messages) {
        return new RunListener() {
            @Override
            public void status(String stageId, String message) {
                messages.accept(message);
            }
        };
    }
}
