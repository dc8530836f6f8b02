package org.defrost.study.fast;

/**
 * The budget schedule of {@link SuccessiveHalving}: rung r trains every surviving candidate for
 * {@code initialEpochs · growth^r} more epochs (capped by {@code maxEpochs} in all), then keeps the better half
 * (rounded up) until at most {@code finalists} remain; those train one last rung.
 *
 * @param initialEpochs epochs of the first rung, at least 1
 * @param growth        factor by which each rung's epochs grow, at least 1
 * @param finalists     how many candidates the halving stops at (1 or more)
 * @param criterion     what a rung ranks the candidates by
 * @param maxEpochs     bound on the epochs one candidate trains in all
 */
public record HalvingSchedule(int initialEpochs, int growth, int finalists, Criterion criterion, int maxEpochs) {

    /** What a rung ranks candidates by; ties go to the other quantity, then to the candidate listed first. */
    public enum Criterion {
        /** 0/1 error on the validation rows at the candidate's best epoch. */
        VALIDATION_ERROR,
        /** Mean loss on the validation rows at the candidate's best epoch. */
        VALIDATION_LOSS;

        /** The parameter word, e.g. {@code validationError}. */
        public String word() {
            return this == VALIDATION_ERROR ? "validationError" : "validationLoss";
        }

        /** The criterion named by {@link #word()}. */
        public static Criterion fromWord(String word) {
            for (Criterion c : values()) {
                if (c.word().equals(word)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown halving criterion '" + word + "'");
        }
    }

    public HalvingSchedule {
        if (initialEpochs < 1 || growth < 1 || finalists < 1 || maxEpochs < 1 || criterion == null) {
            throw new IllegalArgumentException("a halving schedule needs initialEpochs, growth, finalists and maxEpochs "
                    + ">= 1 and a criterion: " + initialEpochs + ", " + growth + ", " + finalists + ", " + maxEpochs);
        }
    }

    /** Additional epochs of rung {@code rung} (0-based) for a candidate that has trained {@code done} epochs. */
    int epochsOfRung(int rung, int done) {
        long wanted = initialEpochs;
        for (int r = 0; r < rung && wanted < maxEpochs; r++) {
            wanted *= growth;
        }
        return (int) Math.max(0, Math.min(wanted, maxEpochs - (long) done));
    }
}
