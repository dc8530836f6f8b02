/**
 * Running pipelines on Apache Camel. {@link org.defrost.engine.run.PipelineRunner} turns a pipeline into
 * a route with one parallel splitter per stage (each split item an {@link org.defrost.engine.run.Invocation}
 * of the stage for one matrix cell and seed); stages that fan out work units send them through a second
 * splitter route. Messages carry invocation descriptions and artifact keys, never arrays.
 */
package org.defrost.engine.run;
