package org.defrost.tck;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The same stage with its inputs from an upstream stage, cancelled inside a work unit. */
class ScaleNumbersAfterUpstreamContractTest extends ScaleNumbersFromSamplesContractTest {
    @Override
    protected List<Upstream> upstream() {
        return List.of(Upstream.of(new MakeNumbersStage(), Map.of("count", 12)));
    }

    @Override
    protected Map<String, List<SampleArtifact>> sampleArtifacts(Path directory) {
        return Map.of();
    }

    @Override
    protected CancelAt cancelAt() {
        return CancelAt.FIRST_WORK_UNIT;
    }
}
