package org.defrost.study;

import java.util.List;
import java.util.Map;
import org.defrost.spi.Stage;
import org.defrost.tck.InvalidParameters;
import org.defrost.tck.StageContractKit;
import org.defrost.tck.Upstream;

/** The stage contract for {@code incremental-defrosting}. */
class IncrementalDefrostingStageContractTest extends StageContractKit {
    @Override
    protected Stage stage() {
        return new IncrementalDefrostingStage();
    }

    @Override
    protected Map<String, ?> validParameters() {
        return Map.of("depths", "all", "twoStage", true);
    }

    /** Its declaration says everything; a depth beyond the source network is known only when it runs. */
    @Override
    protected List<InvalidParameters> invalidParameters() {
        return List.of();
    }

    @Override
    protected List<Upstream> upstream() {
        return List.of(StudyStagesForKits.TASKS, StudyStagesForKits.SOURCE);
    }

    @Override
    protected int seeds() {
        return 2;
    }
}
