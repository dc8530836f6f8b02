package org.defrost.study.support;

import java.util.List;
import java.util.Map;
import org.defrost.spi.ParameterBinder;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;

/**
 * A stage that trains on the target pool: its parameters bind in one step into settings holding a
 * {@link TargetSweep}. Its pipeline validation is the binder's problems, and its check before the run is that every
 * target size's rows fit in the pool the task pair's producer declares.
 *
 * @param <S> the stage's bound settings
 */
public interface SweepStage<S extends SweepStage.Settings> extends Stage {
    /** Bound settings that include the target sizes. */
    interface Settings {
        /** The target sizes and their validation rows. */
        TargetSweep sweep();
    }

    /** Binds the stage's resolved parameters, refusing the values at fault. */
    ParameterBinder<S> binder();

    @Override
    default List<ParameterProblem> validate(Parameters parameters) {
        return binder().problems(parameters);
    }

    /** Every target size's training and validation rows must fit in the task pair's target pool. */
    @Override
    default List<ParameterProblem> checkInputSizes(Parameters parameters, Map<String, Map<String, Long>> inputSizes) {
        return binder().bind(parameters).sweep().checkPool(inputSizes);
    }
}
