/**
 * Checks of a validated pipeline before anything runs, shared by {@code defrost validate}, {@code defrost run}
 * and {@code defrost serve}: the memory estimate against the JVM's limit, input files, sizes that must agree
 * across stages, and matrix keys that no stage uses.
 */
package org.defrost.engine.preflight;
