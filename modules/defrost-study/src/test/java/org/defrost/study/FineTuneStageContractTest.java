package org.defrost.study;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defrost.spi.Stage;
import org.defrost.tck.CancelAt;
import org.defrost.tck.InvalidParameters;
import org.defrost.tck.StageContractKit;
import org.defrost.tck.Upstream;

/** The stage contract for {@code fine-tune}, over two seeds so that it summarises across them. */
class FineTuneStageContractTest extends StageContractKit {
    @Override
    protected Stage stage() {
        return new FineTuneStage();
    }

    @Override
    protected Map<String, ?> validParameters() {
        return StudyStagesForKits.with(StudyStagesForKits.QUICK_TRAINING, Map.of("targetSizes", List.of(30, 60)));
    }

    @Override
    protected List<InvalidParameters> invalidParameters() {
        return List.of(InvalidParameters.of(Map.of("optimizer", "adamw", "nesterov", true), "nesterov")
                .mentioning("only to optimizer: sgd"));
    }

    @Override
    protected List<Upstream> upstream() {
        return List.of(StudyStagesForKits.TASKS, StudyStagesForKits.SOURCE, StudyStagesForKits.PLAN);
    }

    @Override
    protected int seeds() {
        return 2;
    }

    /** The tidy table has the seconds and throughput of every cell (from the cells' metadata). */
    @Override
    protected Set<String> timingDependentFiles() {
        return Set.of("cells.csv");
    }

    @Override
    protected Map<String, ?> cancellationParameters() {
        return StudyStagesForKits.with(validParameters(), Map.of("maxEpochs", 1_000_000, "patience", 1_000_000));
    }

    /** It reports the number of cells before fanning out; cancel inside a cell's training instead. */
    @Override
    protected CancelAt cancelAt() {
        return CancelAt.FIRST_WORK_UNIT;
    }
}
