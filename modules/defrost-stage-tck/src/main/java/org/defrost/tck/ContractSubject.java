package org.defrost.tck;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defrost.spi.Stage;

/**
 * Everything a kit subclass supplies about its stage, gathered once.
 *
 * @param stage                  the stage under test
 * @param validParameters        a small, fast valid configuration
 * @param upstream               stages that run first to produce its inputs
 * @param samples                writes sample input artifacts into a directory, by kind (one per seed, or one)
 * @param seeds                  seeds of every kit pipeline
 * @param timingDependentFiles   artifact files (relative paths) that may differ between two runs
 * @param timingDependentMetadata metadata entries that may differ between two runs
 * @param cancellationParameters the configuration run by the cancellation checks
 * @param cancelAt               when those checks cancel
 * @param cancellationLimit      how long the stage may take to stop once cancelled
 */
record ContractSubject(Stage stage, Map<String, ?> validParameters, List<Upstream> upstream, SampleSource samples,
                       int seeds, Set<String> timingDependentFiles, Set<String> timingDependentMetadata,
                       Map<String, ?> cancellationParameters, CancelAt cancelAt, Duration cancellationLimit) {

    /** Writes a test's sample artifacts. */
    @FunctionalInterface
    interface SampleSource {
        Map<String, List<SampleArtifact>> write(Path directory) throws Exception;
    }

    String type() {
        return stage.descriptor().type();
    }
}
