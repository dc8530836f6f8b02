/** The {@code defrost} command line (picocli): run, validate, stages and the benchmarks. */
package org.defrost.cli;
