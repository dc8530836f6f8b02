package org.defrost.report.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The transfer protocols the report compares (method: transfer protocols). */
public enum Protocol {
    /** ℓ = 0, layers re-initialised: no transfer. */
    SCRATCH("scratch"),
    /** ℓ = L: every feature layer copied and frozen, only the readout trained. */
    CLASSIC("classic (ℓ = L)"),
    /** The depth of lowest validation error with the layers above re-initialised. */
    BEST_RANDOM("best ℓ, random"),
    /** The depth of lowest validation error with the layers above fine-tuned from the source network. */
    BEST_PRETRAINED("best ℓ, pretrained"),
    /** ℓ = 0 starting from the source network: everything fine-tuned. */
    FULL_FINE_TUNING("full fine-tuning");

    private final String shortLabel;

    Protocol(String shortLabel) {
        this.shortLabel = shortLabel;
    }

    /**
     * A short name for tables and file names: the constant's name in lower case with hyphens, e.g.
     * {@code best-random}.
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A name for chart legends and table headings. */
    public String shortLabel() {
        return shortLabel;
    }

    /**
     * One protocol's result.
     *
     * @param protocol the protocol
     * @param depth    the depth ℓ it used
     * @param mean     mean test error over seeds
     * @param stderr   its standard error; NaN with one seed
     * @param seeds    number of seeds
     */
    public record Result(Protocol protocol, int depth, double mean, double stderr, int seeds) {
    }

    /**
     * The results of every protocol trained for one target size of a cell, in declaration order. The best-ℓ
     * protocols take each initialisation's depth of lowest mean validation error (as ℓ* is chosen), so their test
     * errors are not minima over depths.
     */
    public static List<Result> compare(TransferCell c, int targetSize) {
        List<Result> out = new ArrayList<>();
        int l = c.layers();
        c.depth(targetSize, TransferResults.RANDOM, 0).ifPresent(d -> out.add(result(SCRATCH, d)));
        c.depth(targetSize, TransferResults.RANDOM, l).or(() -> c.depth(targetSize, TransferResults.PRETRAINED, l))
                .ifPresent(d -> out.add(result(CLASSIC, d)));
        c.best(targetSize, TransferResults.RANDOM).ifPresent(d -> out.add(result(BEST_RANDOM, d)));
        c.best(targetSize, TransferResults.PRETRAINED).ifPresent(d -> out.add(result(BEST_PRETRAINED, d)));
        c.depth(targetSize, TransferResults.PRETRAINED, 0).ifPresent(d -> out.add(result(FULL_FINE_TUNING, d)));
        return out;
    }

    private static Result result(Protocol p, DepthPoint d) {
        return new Result(p, d.depth(), d.mean(), d.stderr(), d.seeds());
    }
}
