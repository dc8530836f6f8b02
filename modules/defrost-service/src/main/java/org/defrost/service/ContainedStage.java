package org.defrost.service;

import java.util.List;
import org.defrost.engine.registry.RegisteredStage;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.defrost.spi.StageContext;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.UnitContext;

/**
 * A stage whose {@link Error}s (a plugin's {@code AssertionError}, {@code StackOverflowError},
 * {@code NoClassDefFoundError}, an {@code OutOfMemoryError}) are turned into exceptions. The engine records an
 * exception against the invocation and fails the run; an error would escape its handling and leave the run
 * hanging, and with it the service's queue.
 */
final class ContainedStage implements Stage {
    private final Stage stage;

    private ContainedStage(Stage stage) {
        this.stage = stage;
    }

    /** The same stages, each contained; the registry's problems are kept. */
    static StageRegistry containAll(StageRegistry registry) {
        StageRegistry.Builder builder = StageRegistry.builder();
        for (RegisteredStage s : registry.all()) {
            builder.add(new ContainedStage(s.stage()), s.origin());
        }
        registry.problems().forEach(builder::problem);
        return builder.build();
    }

    @Override
    public StageDescriptor descriptor() {
        return stage.descriptor();
    }

    @Override
    public void run(StageContext context) throws Exception {
        try {
            stage.run(context);
        } catch (Error e) {
            throw new StageError(e);
        }
    }

    @Override
    public void runUnit(UnitContext context) throws Exception {
        try {
            stage.runUnit(context);
        } catch (Error e) {
            throw new StageError(e);
        }
    }

    @Override
    public long estimatedMemoryBytes(Parameters parameters) {
        try {
            return stage.estimatedMemoryBytes(parameters);
        } catch (Error e) {
            throw new IllegalStateException(Reports.describe(e), e);
        }
    }

    @Override
    public List<ParameterProblem> validate(Parameters parameters) {
        try {
            return stage.validate(parameters);
        } catch (Error e) {
            throw new IllegalStateException(Reports.describe(e), e);
        }
    }

    /** An error thrown by a stage, as an exception; the message names the error's type. */
    static final class StageError extends Exception {
        private static final long serialVersionUID = 1L;

        StageError(Error cause) {
            super(Reports.describe(cause), cause);
        }
    }
}
