/** Finds stages with {@link java.util.ServiceLoader} and keeps them by type name with their origin. */
package org.defrost.engine.registry;
