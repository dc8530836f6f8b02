/**
 * Running pipelines on Apache Camel. {@link org.defrost.engine.run.PipelineRunner} turns a pipeline into
 * a route with one parallel splitter per stage (each split item an {@link org.defrost.engine.run.Invocation}
 * of the stage for one matrix cell and seed). The work units that stages fan out go, as self-contained
 * {@link org.defrost.engine.run.UnitDescription}s in a {@link org.defrost.engine.run.UnitBatch}, to the
 * runner's {@link org.defrost.engine.run.UnitDispatcher}: by default a second splitter route in this process,
 * or, for example, a message broker whose workers run them with a {@link org.defrost.engine.run.CachedUnitRunner}.
 * Messages carry invocation descriptions and artifact keys, never arrays.
 */
package org.defrost.engine.run;
