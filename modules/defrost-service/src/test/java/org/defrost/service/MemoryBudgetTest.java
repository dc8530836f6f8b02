package org.defrost.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    @Test
    void aRunWaitsUntilItFitsBesideTheRunningOnes() throws Exception {
        MemoryBudget budget = new MemoryBudget(100);
        assertTrue(budget.acquire(60));
        assertTrue(budget.mustWait(60));
        assertFalse(budget.mustWait(40));
        AtomicReference<Boolean> second = new AtomicReference<>();
        Thread waiter = startAcquiring(budget, 60, second);
        awaitWaiting(waiter);
        assertEquals(null, second.get());
        budget.release(60);
        waiter.join(10_000);
        assertEquals(Boolean.TRUE, second.get());
        assertEquals(60, budget.inUse());
    }

    @Test
    void aRunAloneMayTakeTheWholeBudget() throws Exception {
        MemoryBudget budget = new MemoryBudget(100);
        assertFalse(budget.mustWait(100));
        assertTrue(budget.acquire(100));
        budget.release(100);
        assertEquals(0, budget.inUse());
    }

    @Test
    void closingWakesTheWaitersWithoutGivingThemMemory() throws Exception {
        MemoryBudget budget = new MemoryBudget(100);
        assertTrue(budget.acquire(80));
        AtomicReference<Boolean> second = new AtomicReference<>();
        Thread waiter = startAcquiring(budget, 30, second);
        awaitWaiting(waiter);
        budget.close();
        waiter.join(10_000);
        assertEquals(Boolean.FALSE, second.get());
        assertFalse(budget.acquire(1));
    }

    private static Thread startAcquiring(MemoryBudget budget, long bytes, AtomicReference<Boolean> result) {
        Thread t = new Thread(() -> {
            try {
                result.set(budget.acquire(bytes));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void awaitWaiting(Thread t) throws InterruptedException {
        for (int i = 0; i < 10_000 && t.getState() != Thread.State.WAITING; i++) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.WAITING, t.getState());
    }
}
