/**
 * A YAML tree that remembers where every key and value stood in its file, so that validation can name
 * the line and column of each problem. Parsing goes through Jackson's YAML parser with limits on size,
 * nesting and alias expansion.
 */
package org.defrost.engine.yaml;
