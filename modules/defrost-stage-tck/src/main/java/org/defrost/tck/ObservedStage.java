package org.defrost.tck;

import java.util.List;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.UnitContext;

/** The stage under test, unchanged, telling a {@link RunObserver} when its methods are entered and left. */
final class ObservedStage implements Stage {
    private final Stage stage;
    private final RunObserver observer;

    ObservedStage(Stage stage, RunObserver observer) {
        this.stage = stage;
        this.observer = observer;
    }

    @Override
    public StageDescriptor descriptor() {
        return stage.descriptor();
    }

    @Override
    public void run(StageContext context) throws Exception {
        observer.stageRunning();
        stage.run(context);
        observer.stageReturned();
    }

    @Override
    public void runUnit(UnitContext context) throws Exception {
        observer.unitStarting();
        stage.runUnit(context);
    }

    @Override
    public long estimatedMemoryBytes(Parameters parameters) {
        return stage.estimatedMemoryBytes(parameters);
    }

    @Override
    public List<ParameterProblem> validate(Parameters parameters) {
        return stage.validate(parameters);
    }
}
