package org.defrost.report.model;

import java.util.List;
import java.util.Optional;

/**
 * The answer for one matrix cell and target size: the better of the two initialisations at its optimal
 * depth, with the baselines it is compared against. Errors are mean target test errors over seeds.
 *
 * @param cell                 the matrix cell
 * @param targetSize           number of target training examples n
 * @param layers               number of feature layers L
 * @param init                 the initialisation recommended ({@code random} or {@code pretrained})
 * @param depthStar            its optimal depth ℓ*
 * @param mean                 mean test error at ℓ*
 * @param stderr               its standard error over seeds
 * @param scratch              error from scratch (ℓ = 0, random)
 * @param classic              error with all feature layers frozen (ℓ = L)
 * @param fullFineTuning       error of full fine-tuning (ℓ = 0, pretrained); NaN when not trained
 * @param pValueVsClassic      p-value of the paired test of ℓ* against ℓ = L
 * @param significantVsClassic whether that test rejects
 */
public record Recommendation(MatrixCell cell, int targetSize, int layers, String init, int depthStar, double mean,
                             double stderr, double scratch, double classic, double fullFineTuning,
                             double pValueVsClassic, boolean significantVsClassic) {

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

    /**
     * The recommendation for one target size of a cell: the initialisation whose optimum has the lower mean
     * error ({@code random} on a tie, the simpler protocol); empty when the cell has no optimum for that size.
     */
    public static Optional<Recommendation> of(TransferCell c, int targetSize) {
        Optimum best = null;
        for (String init : List.of(TransferResults.RANDOM, TransferResults.PRETRAINED)) {
            Optional<Optimum> o = c.optimum(targetSize, init);
            if (o.isPresent() && (best == null || o.get().mean() < best.mean())) {
                best = o.get();
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        double fullFineTuning = c.depth(targetSize, TransferResults.PRETRAINED, 0).map(DepthPoint::mean).orElse(Double.NaN);
        return Optional.of(new Recommendation(c.cell(), targetSize, best.layers(), best.init(), best.depthStar(),
                best.mean(), best.stderr(), best.scratch(), best.standard(), fullFineTuning, best.pValue(),
                best.significant()));
    }

    public Kind kind() {
        if (depthStar == layers) {
            return Kind.CLASSIC;
        }
        if (depthStar == 0) {
            return TransferResults.PRETRAINED.equals(init) ? Kind.FULL_FINE_TUNING : Kind.SCRATCH;
        }
        return Kind.PARTIAL;
    }

    /** The recommendation in words, e.g. "transfer and freeze the first 2 layers and re-initialise the layers above (random)". */
    public String advice() {
        return switch (kind()) {
            case SCRATCH -> "train from scratch: transfer does not help here";
            case FULL_FINE_TUNING -> "transfer all layers and fine-tune them all (full fine-tuning, nothing frozen)";
            case CLASSIC -> "transfer and freeze " + allLayers() + " (the classic recipe)";
            case PARTIAL -> "transfer and freeze the first " + (depthStar == 1 ? "layer" : depthStar + " layers")
                    + (TransferResults.PRETRAINED.equals(init)
                    ? " and fine-tune the layers above from the source network (pretrained)"
                    : " and re-initialise the layers above (random)");
        };
    }

    /**
     * The full answer, e.g. "128 target examples, etaF = 0.3: transfer and freeze the first 2 layers and
     * re-initialise the layers above (random); error 0.2100 ± 0.0100 against 0.2900 from scratch and 0.2500 with
     * all 3 feature layers frozen." followed by the test against ℓ = L and a negative-transfer warning when they apply.
     */
    public String sentence() {
        StringBuilder sb = new StringBuilder();
        sb.append(targetSize).append(" target examples");
        if (!cell.label().isEmpty()) {
            sb.append(", ").append(cell.label());
        }
        sb.append(": ").append(advice()).append("; error ").append(Formats.value(mean)).append(" ± ")
                .append(Formats.value(stderr)).append(" against ");
        switch (kind()) {
            case SCRATCH -> sb.append(Formats.value(classic)).append(" with ").append(allLayers()).append(" frozen");
            case CLASSIC -> sb.append(Formats.value(scratch)).append(" from scratch");
            default -> sb.append(Formats.value(scratch)).append(" from scratch and ").append(Formats.value(classic))
                    .append(" with ").append(allLayers()).append(" frozen");
        }
        sb.append('.');
        if (kind() != Kind.CLASSIC && !Double.isNaN(pValueVsClassic)) {
            sb.append(significantVsClassic
                    ? " Better than freezing all feature layers (paired test over seeds, p = "
                    : " Not significantly different from freezing all feature layers (paired test over seeds, p = ")
                    .append(Formats.pValue(pValueVsClassic)).append(").");
        }
        if (classic > scratch) {
            sb.append(" Freezing all feature layers is worse than training from scratch here (negative transfer).");
        }
        return sb.toString();
    }

    private String allLayers() {
        return layers == 1 ? "the feature layer" : "all " + layers + " feature layers";
    }
}
