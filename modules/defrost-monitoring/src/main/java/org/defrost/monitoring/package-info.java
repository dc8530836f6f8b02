/**
 * Run metrics for Prometheus. {@link org.defrost.monitoring.DefrostMetrics} owns a Micrometer Prometheus
 * registry with JVM and process meters, {@code defrost_build_info} and duration histograms, and hands out
 * one {@link org.defrost.engine.run.RunListener} per run that turns run events into {@code defrost_*} meters
 * tagged only with bounded values (pipeline name, stage type, status), every counter at zero from the run's
 * start. {@link org.defrost.monitoring.MetricsServer} serves them at {@code /metrics} with the Prometheus
 * client's handler, with {@code /health} beside it, and knows when it was last scraped.
 */
package org.defrost.monitoring;
