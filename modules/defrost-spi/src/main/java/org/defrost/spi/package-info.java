/**
 * The stage SPI: what a stage plugin compiles against. Interfaces and value types only; the engine
 * implements them.
 *
 * <p>A {@link org.defrost.spi.Stage} declares itself once in a {@link org.defrost.spi.StageDescriptor}
 * (type, version, parameters, artifact kinds consumed and produced, scope). That declaration drives
 * pipeline validation, {@code defrost stages --describe} and the provenance stored beside every artifact.
 * Stages are discovered with {@link java.util.ServiceLoader}: list the implementation class in
 * {@code META-INF/services/org.defrost.spi.Stage}.
 */
package org.defrost.spi;
