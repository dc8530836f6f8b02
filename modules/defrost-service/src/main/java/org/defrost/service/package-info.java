/**
 * Service mode: a long-running process that watches an inbox folder with Camel's file component, validates
 * each pipeline file dropped there (paths, YAML limits, value ranges, memory), runs valid ones with bounded
 * concurrency, and moves every file to {@code processed/} or {@code failed/} (with an {@code .error.txt}
 * naming the line and field, or the failing stage and cell). Files being run wait in {@code .running/},
 * so that a service stopped or killed mid-run resumes them from the artifact store when it starts again.
 */
package org.defrost.service;
