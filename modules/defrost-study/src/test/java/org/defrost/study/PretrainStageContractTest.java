package org.defrost.study;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defrost.spi.Stage;
import org.defrost.tck.InvalidParameters;
import org.defrost.tck.StageContractKit;
import org.defrost.tck.Upstream;

/** The stage contract for {@code pretrain}. */
class PretrainStageContractTest extends StageContractKit {
    @Override
    protected Stage stage() {
        return new PretrainStage();
    }

    @Override
    protected Map<String, ?> validParameters() {
        return StudyStagesForKits.with(StudyStagesForKits.QUICK_TRAINING, Map.of("hidden", List.of(8, 6)));
    }

    @Override
    protected List<InvalidParameters> invalidParameters() {
        return List.of(
                InvalidParameters.of(Map.of("optimizer", "adam", "nesterov", true), "nesterov").mentioning("only to optimizer: sgd"),
                InvalidParameters.of(Map.of("init", "he_normal", "initScale", 2.0), "initScale").mentioning("only to init: normal"));
    }

    @Override
    protected List<Upstream> upstream() {
        return List.of(StudyStagesForKits.TASKS);
    }

    /** The training time and throughput are recorded as metadata, beside files that depend on the inputs only. */
    @Override
    protected Set<String> timingDependentMetadata() {
        return Set.of("trainingSeconds", "samplesPerSecond");
    }

    @Override
    protected Map<String, ?> cancellationParameters() {
        return StudyStagesForKits.with(validParameters(), Map.of("maxEpochs", 1_000_000, "patience", 1_000_000));
    }
}
