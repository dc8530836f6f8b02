package org.defrost.study;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defrost.spi.Stage;
import org.defrost.study.fast.DepthPredictionStage;
import org.defrost.tck.CancelAt;
import org.defrost.tck.InvalidParameters;
import org.defrost.tck.StageContractKit;
import org.defrost.tck.Upstream;

/** The stage contract for {@code depth-prediction}, over two seeds. */
class DepthPredictionStageContractTest extends StageContractKit {
    @Override
    protected Stage stage() {
        return new DepthPredictionStage();
    }

    @Override
    protected Map<String, ?> validParameters() {
        return StudyStagesForKits.with(StudyStagesForKits.QUICK_TRAINING,
                Map.of("targetSizes", List.of(30, 60), "initialEpochs", 1));
    }

    @Override
    protected List<InvalidParameters> invalidParameters() {
        return List.of(InvalidParameters.of("targetSizes", List.of(30, 30)).mentioning("listed twice"),
                InvalidParameters.of("halvingCriterion", "testError"));
    }

    @Override
    protected List<Upstream> upstream() {
        return List.of(StudyStagesForKits.TASKS, StudyStagesForKits.SOURCE, StudyStagesForKits.PLAN);
    }

    @Override
    protected int seeds() {
        return 2;
    }

    /** The predictions carry each unit's wall time. */
    @Override
    protected Set<String> timingDependentFiles() {
        return Set.of("predictions.csv");
    }

    @Override
    protected Map<String, ?> cancellationParameters() {
        return StudyStagesForKits.with(validParameters(), Map.of("maxEpochs", 1_000_000, "patience", 1_000_000,
                "initialEpochs", 1_000_000));
    }

    /** It reports the number of predictions before fanning out; cancel inside a unit's training instead. */
    @Override
    protected CancelAt cancelAt() {
        return CancelAt.FIRST_WORK_UNIT;
    }
}
