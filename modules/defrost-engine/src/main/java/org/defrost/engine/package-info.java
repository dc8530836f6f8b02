/**
 * The defrost engine: reads and validates pipeline files, finds stages, runs pipelines as Apache Camel
 * routes and keeps their outputs in a content-addressed artifact store.
 */
package org.defrost.engine;
