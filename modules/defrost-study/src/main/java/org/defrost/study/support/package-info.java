/**
 * Helpers for stages that train on the target pool, shared by the built-in study stages and usable by
 * stage plugins (compile against {@code defrost-study} as {@code provided}): stages bound to settings with target
 * sizes ({@link org.defrost.study.support.SweepStage}: validation and the pool check before the run), typed work units
 * ({@link org.defrost.study.support.PlannedUnit}, {@link org.defrost.study.support.TypedUnits}), the target
 * sizes and their validation rule, declared ({@link org.defrost.study.support.TargetSizes}) and bound
 * ({@link org.defrost.study.support.TargetSweep}), training settings
 * ({@link org.defrost.study.support.TrainingSettings}), training histories and tidy CSV tables.
 */
package org.defrost.study.support;
