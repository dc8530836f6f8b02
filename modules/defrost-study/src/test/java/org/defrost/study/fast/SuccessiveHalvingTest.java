package org.defrost.study.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Successive halving on hand-built validation curves: who is dropped when, and what the budget adds up to. */
class SuccessiveHalvingTest {

    /** A candidate whose validation error after e epochs in all is {@code curve(e)}; loss is twice the error. */
    static final class Curve implements SuccessiveHalving.Contender {
        final IntToDoubleFunction curve;
        final int convergesAt;
        final List<Integer> calls = new ArrayList<>();
        int epochs;

        Curve(IntToDoubleFunction curve, int convergesAt) {
            this.curve = curve;
            this.convergesAt = convergesAt;
        }

        Curve(double start, double end) {
            this(e -> end + (start - end) / e, Integer.MAX_VALUE);
        }

        @Override
        public SuccessiveHalving.Standing advance(int more, int rung) {
            calls.add(more);
            int trained = Math.min(more, convergesAt - epochs);
            epochs += trained;
            double error = curve.applyAsDouble(epochs);
            return new SuccessiveHalving.Standing(error, 2 * error, trained, epochs >= convergesAt);
        }
    }

    private static HalvingSchedule schedule(int initial, int finalists, int maxEpochs) {
        return new HalvingSchedule(initial, 2, finalists, HalvingSchedule.Criterion.VALIDATION_ERROR, maxEpochs);
    }

    @Test
    void sevenCandidatesKeepTheBetterHalfEachRungAndTheBudgetAddsUpExactly() {
        // Final errors 0.10 .. 0.40: candidate 3 is best, then 5, 1, 0, 6, 2, 4.
        double[] ends = {0.25, 0.20, 0.35, 0.10, 0.40, 0.15, 0.30};
        List<Curve> curves = new ArrayList<>();
        for (double end : ends) {
            curves.add(new Curve(end + 0.2, end));
        }
        SuccessiveHalving.Result result = SuccessiveHalving.run(curves, schedule(2, 2, 1000));
        assertEquals(3, result.winner());
        assertEquals(List.of(3, 5), result.finalists());
        // Rung 0: all seven train 2 epochs, keep 4 (3, 5, 1, 0); rung 1: those train 4, keep 2; rung 2: 8 more.
        assertEquals(List.of(2, 4, 8), curves.get(3).calls);
        assertEquals(List.of(2, 4, 8), curves.get(5).calls);
        assertEquals(List.of(2, 4), curves.get(1).calls);
        assertEquals(List.of(2, 4), curves.get(0).calls);
        for (int dropped : new int[] {2, 4, 6}) {
            assertEquals(List.of(2), curves.get(dropped).calls, "dropped after the first rung: " + dropped);
        }
        assertEquals(7 * 2 + 4 * 4 + 2 * 8, result.totalEpochs());
        assertEquals(14, result.epochs()[3]);
        assertEquals(7 + 4 + 2, result.entries().size(), "one entry per candidate per rung it took part in");
        assertEquals(1, result.entries().stream().filter(e -> e.rung() == 2 && e.kept()).count());
    }

    @Test
    void aLateBloomerIsDroppedWhenItsEarlyErrorIsInTheWorseHalf() {
        Curve early = new Curve(0.20, 0.15);
        Curve late = new Curve(e -> e < 4 ? 0.5 : 0.01, Integer.MAX_VALUE);
        Curve middling = new Curve(0.30, 0.25);
        SuccessiveHalving.Result result = SuccessiveHalving.run(List.of(early, late, middling), schedule(2, 1, 1000));
        // Rung 0 ranks early (0.175), middling (0.275), late (0.5) and keeps two; rung 1 keeps one; rung 2 is last.
        assertEquals(List.of(2), late.calls);
        assertEquals(0, result.winner());
        assertEquals(3 * 2 + 2 * 4 + 8, result.totalEpochs());
    }

    @Test
    void aConvergedCandidateIsNotTrainedAgainAndKeepsItsStanding() {
        Curve converged = new Curve(e -> 0.05, 3);
        Curve slow = new Curve(0.5, 0.2);
        Curve worse = new Curve(0.6, 0.4);
        SuccessiveHalving.Result result = SuccessiveHalving.run(List.of(converged, slow, worse), schedule(4, 2, 1000));
        assertEquals(List.of(4), converged.calls, "asked once, trained 3 epochs and stopped");
        assertEquals(List.of(4, 8), slow.calls);
        assertEquals(3, result.epochs()[0]);
        assertEquals(0, result.winner());
        assertEquals(3 + 4 + 8 + 4, result.totalEpochs());
    }

    @Test
    void theEpochsOfOneCandidateNeverExceedMaxEpochs() {
        Curve a = new Curve(0.3, 0.1);
        Curve b = new Curve(0.4, 0.2);
        Curve c = new Curve(0.5, 0.3);
        SuccessiveHalving.Result result = SuccessiveHalving.run(List.of(a, b, c), schedule(4, 1, 10));
        // Rung 0: 4 each; rung 1: a and b get 8 but a cap of 10 leaves 6; rung 2: a has used its budget.
        assertEquals(List.of(4, 6), a.calls);
        assertEquals(10, result.epochs()[0]);
        assertEquals(4 + 4 + 4 + 6 + 6, result.totalEpochs());
    }

    @Test
    void rankingByLossCanKeepADifferentHalfThanRankingByError() {
        SuccessiveHalving.Contender lowErrorHighLoss = (more, rung) -> new SuccessiveHalving.Standing(0.1, 0.9, more, false);
        SuccessiveHalving.Contender highErrorLowLoss = (more, rung) -> new SuccessiveHalving.Standing(0.2, 0.3, more, false);
        HalvingSchedule byLoss = new HalvingSchedule(1, 2, 1, HalvingSchedule.Criterion.VALIDATION_LOSS, 100);
        HalvingSchedule byError = new HalvingSchedule(1, 2, 1, HalvingSchedule.Criterion.VALIDATION_ERROR, 100);
        assertEquals(1, SuccessiveHalving.run(List.of(lowErrorHighLoss, highErrorLowLoss), byLoss).winner());
        assertEquals(0, SuccessiveHalving.run(List.of(lowErrorHighLoss, highErrorLowLoss), byError).winner());
    }

    @Test
    void tiesGoToTheCandidateListedFirst() {
        SuccessiveHalving.Contender same = (more, rung) -> new SuccessiveHalving.Standing(0.2, 0.4, more, false);
        assertEquals(0, SuccessiveHalving.run(List.of(same, same, same), schedule(1, 1, 100)).winner());
        assertThrows(IllegalArgumentException.class, () -> SuccessiveHalving.run(List.of(), schedule(1, 1, 100)));
    }

    @Test
    void survivorsOfAThinnedFieldStartAtTheRungTheWholeFieldWouldHaveReached() {
        // Nine candidates halve 9 -> 5 -> 3 -> 2 in three rungs; two survivors of nine go straight to rung 3.
        Curve a = new Curve(0.3, 0.1);
        Curve b = new Curve(0.4, 0.2);
        SuccessiveHalving.Result result = SuccessiveHalving.run(List.of(a, b), schedule(1, 2, 1000), 9);
        assertEquals(List.of(8), a.calls);
        assertEquals(List.of(8), b.calls);
        assertEquals(3, result.entries().get(0).rung());
        // Five survivors of nine skip one rung: 5 -> 3 -> 2 with 2, 4 and then 8 epochs.
        List<Curve> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(new Curve(0.5 + i / 10.0, 0.1 + i / 10.0));
        }
        SuccessiveHalving.run(five, schedule(1, 2, 1000), 9);
        assertEquals(List.of(2, 4, 8), five.get(0).calls);
        assertEquals(List.of(2), five.get(4).calls);
    }
}
