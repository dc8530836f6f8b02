package org.defrost.report.model;

import java.util.Optional;

/**
 * The answer for one matrix cell and target size: the protocol chosen on validation error, with its test error
 * and the baselines it is compared against. Errors are mean target test errors over seeds.
 *
 * @param cell           the matrix cell
 * @param optimum        the chosen protocol and its statistics
 * @param fullFineTuning mean test error of full fine-tuning (ℓ = 0, pretrained); NaN when not trained
 * @param names          what a depth counts, for the words: blocks of a block network, layers otherwise
 */
public record Recommendation(MatrixCell cell, Optimum optimum, double fullFineTuning, DepthNames names) {

    /** The recommendation for a fully connected network, whose depths count layers. */
    public Recommendation(MatrixCell cell, Optimum optimum, double fullFineTuning) {
        this(cell, optimum, fullFineTuning, DepthNames.LAYERS);
    }

    /** What the recommendation amounts to. */
    public enum Kind {
        /** ℓ* = 0 with re-initialised layers: do not transfer. */
        SCRATCH,
        /** ℓ* = 0 starting from the source network: fine-tune everything. */
        FULL_FINE_TUNING,
        /** ℓ* = L: the classic recipe. */
        CLASSIC,
        /** 0 < ℓ* < L: transfer and freeze only the first layers. */
        PARTIAL
    }

    /** The recommendation for one target size of a cell; empty when the cell has no optimum for that size. */
    public static Optional<Recommendation> of(TransferCell c, int targetSize) {
        return of(c, targetSize, DepthNames.LAYERS);
    }

    /** As {@link #of(TransferCell, int)}, worded in {@code names}' unit ("freeze the first 2 blocks"). */
    public static Optional<Recommendation> of(TransferCell c, int targetSize, DepthNames names) {
        return c.optimum(targetSize).map(o -> new Recommendation(c.cell(), o,
                c.depth(targetSize, TransferResults.PRETRAINED, 0).map(DepthPoint::mean).orElse(Double.NaN), names));
    }

    public int targetSize() {
        return optimum.targetSize();
    }

    public int layers() {
        return optimum.layers();
    }

    public int seeds() {
        return optimum.seeds();
    }

    public String init() {
        return optimum.init();
    }

    public int depthStar() {
        return optimum.depthStar();
    }

    public Kind kind() {
        if (depthStar() == layers()) {
            return Kind.CLASSIC;
        }
        if (depthStar() == 0) {
            return TransferResults.PRETRAINED.equals(init()) ? Kind.FULL_FINE_TUNING : Kind.SCRATCH;
        }
        return Kind.PARTIAL;
    }

    /** The recommendation in words, e.g. "transfer and freeze the first 2 layers and re-initialise the layers above (random)". */
    public String advice() {
        return switch (kind()) {
            case SCRATCH -> "train from scratch: transfer does not help here";
            case FULL_FINE_TUNING -> "transfer all " + names.units() + " and fine-tune them all (full fine-tuning, "
                    + "nothing frozen)";
            case CLASSIC -> "transfer and freeze " + allLayers() + " (the classic recipe)";
            case PARTIAL -> "transfer and freeze the first " + (depthStar() == 1 ? names.unit()
                    : depthStar() + " " + names.units())
                    + (TransferResults.PRETRAINED.equals(init())
                    ? " and fine-tune the " + names.units() + " above from the source network (pretrained)"
                    : " and re-initialise the " + names.units() + " above (random)");
        };
    }

    /** How the target examples were used, e.g. "200 training examples (+ 50 to validate)". */
    public String examples() {
        Optimum o = optimum;
        if (o.validationSize() < 0) {
            return o.targetSize() + " target examples";
        }
        if (o.validationFromBudget()) {
            return o.targetSize() + " target examples (" + o.trainSize() + " to train, " + o.validationSize()
                    + " to validate)";
        }
        return o.trainSize() + " training examples (+ " + o.validationSize() + " to validate)";
    }

    /**
     * The full answer: what to do and its test error against the baselines, the gains with their intervals and
     * paired tests, how the choice was made, and a negative-transfer warning when it applies. With one seed no
     * spread, interval or test is claimed.
     */
    public String sentence() {
        Optimum o = optimum;
        StringBuilder sb = new StringBuilder(examples());
        if (!cell.label().isEmpty()) {
            sb.append(", ").append(cell.label());
        }
        sb.append(": ").append(advice()).append("; test error ").append(Formats.meanSpread(o.mean(), o.stderr(), seeds()))
                .append(" against ");
        switch (kind()) {
            case SCRATCH -> sb.append(Formats.value(o.standard())).append(" with ").append(allLayers()).append(" frozen");
            case CLASSIC -> sb.append(Formats.value(o.scratch())).append(" from scratch");
            default -> sb.append(Formats.value(o.scratch())).append(" from scratch and ").append(Formats.value(o.standard()))
                    .append(" with ").append(allLayers()).append(" frozen");
        }
        sb.append('.');
        if (o.selection() == Optimum.Selection.VALIDATION) {
            gains(sb);
            selection(sb);
        } else {
            if (kind() != Kind.CLASSIC && seeds() > 1 && !Double.isNaN(o.vsStandard().pValue())) {
                sb.append(o.vsStandard().significant()
                        ? " Better than freezing all feature " + names.units() + " (paired test over seeds, p = "
                        : " Not significantly different from freezing all feature " + names.units()
                        + " (paired test over seeds, p = ")
                        .append(Formats.pValue(o.vsStandard().pValue())).append(").");
            }
            sb.append(" Chosen on mean test error (results written before ℓ* was chosen on validation error), so the "
                    + "error and the gains are optimistic.");
        }
        if (o.standard() > o.scratch()) {
            sb.append(" Freezing all feature " + names.units() + " is worse than training from scratch here (negative transfer).");
        }
        return sb.toString();
    }

    private void gains(StringBuilder sb) {
        Optimum o = optimum;
        boolean vsScratch = kind() != Kind.SCRATCH;
        boolean vsStandard = kind() != Kind.CLASSIC;
        if (seeds() == 1) {
            sb.append(" Gain over scratch ").append(Formats.value(o.gainOverScratch().value()))
                    .append(", over freezing all feature ").append(names.units()).append(' ').append(Formats.value(o.gainOverStandard().value()))
                    .append("; intervals and tests ").append(Formats.ONE_SEED).append('.');
            return;
        }
        if (vsScratch) {
            sb.append(' ').append(gain("scratch", "training from scratch", o.gainOverScratch(), o.vsScratch()));
        }
        if (vsStandard) {
            sb.append(' ').append(gain("freezing all feature " + names.units(), "freezing all feature " + names.units(),
                    o.gainOverStandard(), o.vsStandard()));
        }
    }

    private String gain(String shortName, String longName, Optimum.Gain g, Optimum.PairedTest t) {
        StringBuilder sb = new StringBuilder("Gain over ").append(shortName).append(' ').append(Formats.value(g.value()));
        if (g.hasInterval()) {
            sb.append(" (bootstrap interval ").append(Formats.interval(g.low(), g.high(), seeds())).append(')');
        }
        if (Double.isNaN(t.pValue())) {
            return sb.append('.').toString();
        }
        return sb.append(t.significant() ? ": better than " : ": not significantly different from ").append(longName)
                .append(" (paired test over seeds, p = ").append(Formats.pValue(t.pValue())).append(").").toString();
    }

    private void selection(StringBuilder sb) {
        Optimum o = optimum;
        sb.append(" Chosen on validation error");
        if (seeds() > 1 && !Double.isNaN(o.probabilityBest())) {
            sb.append(", best in ").append(Formats.percent(o.probabilityBest())).append(" of seed resamples");
        }
        if (seeds() > 1 && !Double.isNaN(o.vsNeighbours().pValue())) {
            sb.append(o.vsNeighbours().significant() ? "; significantly better than the neighbouring depths (p = "
                    : "; not significantly better than the neighbouring depths (p = ")
                    .append(Formats.pValue(o.vsNeighbours().pValue())).append(')');
        }
        sb.append('.');
        if (o.oracleDepthStar() >= 0 && (o.oracleDepthStar() != o.depthStar() || !o.oracleInit().equals(o.init()))) {
            sb.append(" The lowest test error (a diagnostic, not a choice) was at ℓ = ").append(o.oracleDepthStar())
                    .append(", ").append(o.oracleInit()).append(": ").append(Formats.value(o.oracleError())).append('.');
        }
    }

    private String allLayers() {
        return layers() == 1 ? "the feature " + names.unit() : "all " + layers() + " feature " + names.units();
    }
}
