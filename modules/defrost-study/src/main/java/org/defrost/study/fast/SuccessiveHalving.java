package org.defrost.study.fast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Successive halving over candidates that train incrementally: every rung trains each surviving candidate for
 * the rung's epochs ({@link HalvingSchedule}), ranks the survivors by the schedule's criterion and keeps the
 * better half, rounded up and never fewer than the finalists; once at most {@code finalists} remain they train
 * one last rung. The winner is the survivor with the lowest validation error (ties: lower validation loss, then
 * the candidate listed first, so callers list the deeper transfer first as the full sweep's tie rule does).
 *
 * <p>Budget accounting is exact: the epochs each candidate reports as trained are summed per candidate, so
 * the cost in sample-epochs is that sum times the training rows.
 */
public final class SuccessiveHalving {

    /** A candidate that can train further; implementations keep their best weights between calls. */
    public interface Contender {
        /**
         * Trains up to {@code epochs} more epochs (stopping earlier when it has converged) and reports where the
         * candidate stands.
         *
         * @param epochs at least 1
         * @param rung   the rung's index (0-based), for the candidate's random streams
         */
        Standing advance(int epochs, int rung);
    }

    /**
     * Where a candidate stands after a rung.
     *
     * @param validationError 0/1 error on the validation rows at its best epoch so far
     * @param validationLoss  mean validation loss at that epoch
     * @param epochsTrained   epochs trained in this call (0 for a converged candidate)
     * @param converged       whether it stopped improving (early stopping fired): later rungs do not train it
     */
    public record Standing(double validationError, double validationLoss, int epochsTrained, boolean converged) {
    }

    /**
     * One candidate in one rung.
     *
     * @param rung            0-based rung
     * @param candidate       index into the candidates as given
     * @param epochs          epochs trained in this rung
     * @param totalEpochs     epochs trained so far in all rungs
     * @param validationError at its best epoch so far
     * @param validationLoss  at its best epoch so far
     * @param kept            whether it goes on to the next rung (in the last rung: whether it is the winner)
     */
    public record RungEntry(int rung, int candidate, int epochs, int totalEpochs, double validationError,
                            double validationLoss, boolean kept) {
    }

    /**
     * The outcome.
     *
     * @param winner       index of the winning candidate
     * @param finalists    indices of the candidates of the last rung, best first
     * @param entries      every candidate in every rung it took part in, by rung then candidate
     * @param epochs       epochs trained by each candidate in all
     * @param standings    each candidate's last standing
     */
    public record Result(int winner, List<Integer> finalists, List<RungEntry> entries, int[] epochs,
                         List<Standing> standings) {
        /** Epochs trained by all candidates together. */
        public long totalEpochs() {
            long t = 0;
            for (int e : epochs) {
                t += e;
            }
            return t;
        }
    }

    private SuccessiveHalving() {
    }

    /** Runs the halving on {@code candidates} (at least one), which it trains, from rung 0. */
    public static Result run(List<? extends Contender> candidates, HalvingSchedule schedule) {
        return run(candidates, schedule, candidates.size());
    }

    /**
     * Runs the halving on {@code candidates}, the survivors of a field of {@code field} candidates that were
     * thinned before it (by the probes): the rungs start where the field's halving would have reached this many
     * candidates, so the finalists train as long as they would have in the whole field.
     *
     * @param field at least {@code candidates.size()}
     */
    public static Result run(List<? extends Contender> candidates, HalvingSchedule schedule, int field) {
        return halve(candidates, schedule, Math.max(0, halvings(field, schedule) - halvings(candidates.size(), schedule)));
    }

    /** Rungs that halve {@code k} candidates down to the finalists. */
    static int halvings(int k, HalvingSchedule schedule) {
        int rungs = 0;
        for (int alive = k; alive > schedule.finalists(); alive = Math.max(schedule.finalists(), (alive + 1) / 2)) {
            rungs++;
        }
        return rungs;
    }

    private static Result halve(List<? extends Contender> candidates, HalvingSchedule schedule, int firstRung) {
        int k = candidates.size();
        if (k == 0) {
            throw new IllegalArgumentException("successive halving needs at least one candidate");
        }
        int[] epochs = new int[k];
        List<Standing> standings = new ArrayList<>(java.util.Collections.nCopies(k, (Standing) null));
        List<RungEntry> entries = new ArrayList<>();
        List<Integer> alive = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            alive.add(i);
        }
        for (int rung = firstRung; ; rung++) {
            boolean last = alive.size() <= schedule.finalists();
            int[] trained = new int[k];
            for (int i : alive) {
                Standing before = standings.get(i);
                int budget = schedule.epochsOfRung(rung, epochs[i]);
                Standing now = before != null && (before.converged() || budget == 0)
                        ? new Standing(before.validationError(), before.validationLoss(), 0, before.converged())
                        : candidates.get(i).advance(budget, rung);
                trained[i] = now.epochsTrained();
                epochs[i] += now.epochsTrained();
                standings.set(i, now);
            }
            List<Integer> ranked = new ArrayList<>(alive);
            ranked.sort(order(standings, last ? HalvingSchedule.Criterion.VALIDATION_ERROR : schedule.criterion()));
            List<Integer> next;
            if (last) {
                next = List.of(ranked.get(0));
            } else {
                int keep = Math.max(schedule.finalists(), (ranked.size() + 1) / 2);
                next = ranked.subList(0, Math.min(keep, ranked.size()));
            }
            for (int i : alive) {
                Standing s = standings.get(i);
                entries.add(new RungEntry(rung, i, trained[i], epochs[i], s.validationError(), s.validationLoss(),
                        next.contains(i)));
            }
            if (last) {
                return new Result(ranked.get(0), List.copyOf(ranked), List.copyOf(entries), epochs, List.copyOf(standings));
            }
            alive = new ArrayList<>(next);
            alive.sort(Comparator.naturalOrder());
        }
    }

    private static Comparator<Integer> order(List<Standing> standings, HalvingSchedule.Criterion criterion) {
        Comparator<Integer> byError = Comparator.comparingDouble(i -> standings.get(i).validationError());
        Comparator<Integer> byLoss = Comparator.comparingDouble(i -> standings.get(i).validationLoss());
        Comparator<Integer> first = criterion == HalvingSchedule.Criterion.VALIDATION_ERROR ? byError : byLoss;
        Comparator<Integer> second = criterion == HalvingSchedule.Criterion.VALIDATION_ERROR ? byLoss : byError;
        return first.thenComparing(second).thenComparing(Comparator.naturalOrder());
    }
}
