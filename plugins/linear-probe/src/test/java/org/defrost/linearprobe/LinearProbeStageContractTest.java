package org.defrost.linearprobe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.spi.Stage;
import org.defrost.study.PretrainStage;
import org.defrost.tasks.stage.ChmmStage;
import org.defrost.tck.CancelAt;
import org.defrost.tck.InvalidParameters;
import org.defrost.tck.StageContractKit;
import org.defrost.tck.Upstream;

/** The stage contract for {@code linear-probe}, on a tiny task pair and source network, over two seeds. */
class LinearProbeStageContractTest extends StageContractKit {
    static final Upstream TASKS = Upstream.of(new ChmmStage(), Map.of("inputDim", 12, "sourceLatentDim", 4,
            "targetLatentDim", 4, "sourceTrainSize", 200, "targetPoolSize", 80, "sourceTestSize", 100,
            "targetTestSize", 100, "probeSize", 10));
    static final Upstream SOURCE = Upstream.of(new PretrainStage(), Map.of("hidden", List.of(8, 6), "maxEpochs", 3,
            "patience", 2, "batchSize", 32, "validationMinimum", 10));

    @Override
    protected Stage stage() {
        return new LinearProbeStage();
    }

    @Override
    protected Map<String, ?> validParameters() {
        return Map.of("targetSizes", List.of(30, 60), "maxEpochs", 5, "patience", 3, "validationMinimum", 5);
    }

    @Override
    protected List<InvalidParameters> invalidParameters() {
        return List.of(InvalidParameters.of("layers", List.of(2, 0, 2)).mentioning("2 is listed twice"),
                InvalidParameters.of("targetSizes", List.of(30, 30)).mentioning("30 is listed twice"));
    }

    @Override
    protected List<Upstream> upstream() {
        return List.of(TASKS, SOURCE);
    }

    @Override
    protected int seeds() {
        return 2;
    }

    @Override
    protected Map<String, ?> cancellationParameters() {
        Map<String, Object> p = new LinkedHashMap<>(validParameters());
        p.put("maxEpochs", 1_000_000);
        p.put("patience", 1_000_000);
        return p;
    }

    /** It reports the number of probes before fanning out; cancel inside a probe's training instead. */
    @Override
    protected CancelAt cancelAt() {
        return CancelAt.FIRST_WORK_UNIT;
    }
}
