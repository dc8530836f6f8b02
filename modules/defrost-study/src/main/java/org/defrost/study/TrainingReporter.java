package org.defrost.study;

import java.util.List;
import org.defrost.nn.train.EpochListener;
import org.defrost.nn.train.EpochRecord;
import org.defrost.spi.ExecutionContext;

/**
 * Forwards each epoch of a training run to the stage's progress and metrics: gauges
 * {@code training_loss} and {@code validation_error_ratio}, counters {@code epochs_total} and
 * {@code samples_total} (the names the monitoring dashboards and alerts read).
 */
final class TrainingReporter implements EpochListener {
    /** The counters this reporter adds to, for {@link org.defrost.spi.Stage#counters()}. */
    static final List<String> COUNTERS = List.of("epochs_total", "samples_total");
    /** {@link #COUNTERS} and {@code diverged_total}, which stages that detect a divergence count. */
    static final List<String> COUNTERS_WITH_DIVERGENCE = List.of("epochs_total", "samples_total", "diverged_total");
    private final ExecutionContext context;
    private final String what;
    private final int maxEpochs;
    private final boolean reportProgress;
    private final int samplesPerEpoch;

    TrainingReporter(ExecutionContext context, String what, int maxEpochs, int samplesPerEpoch, boolean reportProgress) {
        this.context = context;
        this.samplesPerEpoch = samplesPerEpoch;
        this.what = what;
        this.maxEpochs = maxEpochs;
        this.reportProgress = reportProgress;
    }

    @Override
    public void onEpoch(EpochRecord r) {
        context.metrics().set("training_loss", r.trainLoss());
        context.metrics().set("validation_error_ratio", r.validationError());
        context.metrics().count("epochs_total", 1);
        context.metrics().count("samples_total", samplesPerEpoch);
        if (reportProgress) {
            context.progress().progress(r.epoch(), maxEpochs);
            context.progress().status(String.format("%s: epoch %d, training loss %.4f, validation error %.4f", what,
                    r.epoch(), r.trainLoss(), r.validationError()));
        }
    }
}
