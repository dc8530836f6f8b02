/**
 * Run metrics for Prometheus. {@link org.defrost.monitoring.DefrostMetrics} owns a Micrometer Prometheus
 * registry with JVM and process meters and hands out one {@link org.defrost.engine.run.RunListener} per run
 * that turns run events into {@code defrost_*} meters tagged only with bounded values (pipeline name,
 * stage type, status). {@link org.defrost.monitoring.MetricsServer} serves them at {@code /metrics},
 * with {@code /health} beside it, through the Prometheus client's own HTTP server.
 */
package org.defrost.monitoring;
