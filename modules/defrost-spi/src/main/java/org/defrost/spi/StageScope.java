package org.defrost.spi;

/**
 * How often a stage runs within a pipeline. A pipeline has matrix cells (one per combination of its
 * {@code matrix} values) and, within each, {@code seeds} independent repetitions.
 */
public enum StageScope {
    /** Once per matrix cell and seed; inputs come from the same cell and seed. */
    EACH_SEED,
    /** Once per matrix cell; {@link StageContext#inputs} lists the artifacts of every seed, in seed order. */
    EACH_MATRIX_CELL,
    /** Once per pipeline; {@link StageContext#inputs} lists the artifacts of every cell and seed. */
    WHOLE_PIPELINE
}
