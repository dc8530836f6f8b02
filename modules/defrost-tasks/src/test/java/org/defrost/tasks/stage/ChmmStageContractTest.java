package org.defrost.tasks.stage;

import java.util.List;
import java.util.Map;
import org.defrost.spi.Stage;
import org.defrost.tck.InvalidParameters;
import org.defrost.tck.StageContractKit;

/** The stage contract for {@code chmm}, on a task pair of a few dozen rows. */
class ChmmStageContractTest extends StageContractKit {
    /** A tiny task pair: N = 12, four latent directions, at most 60 rows per set. */
    static final Map<String, Object> TINY = Map.of("inputDim", 12, "sourceLatentDim", 4, "targetLatentDim", 4,
            "sourceTrainSize", 60, "targetPoolSize", 40, "sourceTestSize", 30, "targetTestSize", 30, "probeSize", 10);

    @Override
    protected Stage stage() {
        return new ChmmStage();
    }

    @Override
    protected Map<String, ?> validParameters() {
        return TINY;
    }

    @Override
    protected List<InvalidParameters> invalidParameters() {
        return List.of(InvalidParameters.of("sharedLatentDim", 5).mentioning("min(sourceLatentDim, targetLatentDim)"));
    }

    @Override
    protected int seeds() {
        return 2;
    }
}
