/** Benchmarks run as plain {@code main} programs; they print figures and are not part of the tests. */
package org.defrost.tasks.bench;
