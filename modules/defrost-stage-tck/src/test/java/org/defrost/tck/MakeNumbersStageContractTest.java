package org.defrost.tck;

import java.util.List;
import java.util.Map;
import org.defrost.spi.Stage;

/** The kit on a stage without inputs, reports or work units, over two seeds. */
class MakeNumbersStageContractTest extends StageContractKit {
    @Override
    protected Stage stage() {
        return new MakeNumbersStage();
    }

    @Override
    protected Map<String, ?> validParameters() {
        return Map.of("count", 20);
    }

    @Override
    protected List<InvalidParameters> invalidParameters() {
        return List.of();
    }

    @Override
    protected int seeds() {
        return 2;
    }
}
