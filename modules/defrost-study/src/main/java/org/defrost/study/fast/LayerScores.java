package org.defrost.study.fast;

import java.util.ArrayList;
import java.util.List;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Dataset;
import org.defrost.nn.Network;
import org.defrost.similarity.Representation;
import org.defrost.similarity.cka.LinearCka;
import org.ejml.data.FMatrixRMaj;

/**
 * How well each layer of the source network S already serves the target, from one forward pass of the target
 * rows: a {@link RidgeProbe} on the layer's outputs fitted on the training rows and scored on the validation
 * rows, and the linear CKA between the layer's outputs and the target's class indicators on the training and
 * validation rows together (kernel alignment with the labels).
 */
public final class LayerScores {

    /**
     * The scores of one layer.
     *
     * @param layer                0 the input, 1..L the feature layers of S
     * @param width                the layer's width
     * @param probeTrainError      the probe's 0/1 error on the training rows
     * @param probeValidationError the probe's 0/1 error on the validation rows
     * @param labelCka             linear CKA of the layer's outputs with the class indicators, in [0, 1]
     */
    public record Score(int layer, int width, double probeTrainError, double probeValidationError, double labelCka) {
    }

    private LayerScores() {
    }

    /**
     * Scores layers 0..L of {@code source}.
     *
     * @param train      the training rows ({@code n × N}). Not modified.
     * @param validation the validation rows. Not modified.
     * @param classes    number of target classes
     * @param lambda     the probes' ridge penalty
     */
    public static List<Score> of(Network source, Dataset train, Dataset validation, int classes, double lambda,
                                 KernelThreads threads) {
        int layers = source.spec().hiddenLayerCount();
        List<FMatrixRMaj> trainActs = source.activations(train.inputs(), threads);
        List<FMatrixRMaj> validationActs = source.activations(validation.inputs(), threads);
        FMatrixRMaj indicators = indicators(concat(train.labels(), validation.labels()), classes);
        Representation labels = Representation.of("target labels", indicators, threads);
        LinearCka cka = new LinearCka();
        List<Score> out = new ArrayList<>();
        for (int k = 0; k <= layers; k++) {
            FMatrixRMaj fit = trainActs.get(k);
            FMatrixRMaj held = validationActs.get(k);
            RidgeProbe probe = RidgeProbe.fit(fit, train.labels(), classes, lambda);
            Representation layer = Representation.of("S layer " + k, stack(fit, held), threads);
            double alignment = cka.compute(layer, labels).value();
            out.add(new Score(k, fit.numCols, probe.error(fit, train.labels()), probe.error(held, validation.labels()),
                    alignment));
        }
        return out;
    }

    /**
     * The layer whose probe has the lowest validation error; ties go to the deeper layer.
     *
     * @param scores at least one
     */
    public static int bestProbeLayer(List<Score> scores) {
        Score best = scores.get(0);
        for (Score s : scores) {
            if (s.probeValidationError() <= best.probeValidationError()) {
                best = s;
            }
        }
        return best.layer();
    }

    /**
     * The layer with the highest label CKA (NaN counts as lowest); ties go to the deeper layer.
     *
     * @param scores at least one
     */
    public static int bestAlignedLayer(List<Score> scores) {
        Score best = scores.get(0);
        for (Score s : scores) {
            if (alignment(s) >= alignment(best)) {
                best = s;
            }
        }
        return best.layer();
    }

    private static double alignment(Score s) {
        return Double.isNaN(s.labelCka()) ? Double.NEGATIVE_INFINITY : s.labelCka();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static FMatrixRMaj stack(FMatrixRMaj a, FMatrixRMaj b) {
        FMatrixRMaj out = new FMatrixRMaj(a.numRows + b.numRows, a.numCols);
        System.arraycopy(a.data, 0, out.data, 0, a.numRows * a.numCols);
        System.arraycopy(b.data, 0, out.data, a.numRows * a.numCols, b.numRows * b.numCols);
        return out;
    }

    /** One column (the label, 0 or 1) for two classes, else one-hot columns. */
    private static FMatrixRMaj indicators(int[] labels, int classes) {
        int c = classes == 2 ? 1 : classes;
        FMatrixRMaj out = new FMatrixRMaj(labels.length, c);
        for (int i = 0; i < labels.length; i++) {
            out.data[i * c + (c == 1 ? 0 : labels[i])] = c == 1 ? labels[i] : 1;
        }
        return out;
    }
}
