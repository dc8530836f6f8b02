package org.defrost.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
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
    void aThrowingListenerDoesNotSilenceTheOthersAndItsErrorSurfaces() {
        IllegalStateException boom = new IllegalStateException("boom");
        List<String> heard = new ArrayList<>();
        RunListener throwing = new RunListener() {
            @Override
            public void status(String stageId, String message) {
                throw boom;
            }
        };
        RunListener recording = new RunListener() {
            @Override
            public void status(String stageId, String message) {
                heard.add(message);
            }
        };
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> RunListeners.compose(throwing, recording).status("train", "epoch 3"));
        assertSame(boom, thrown);
        assertEquals(List.of("epoch 3"), heard);
    }
}
