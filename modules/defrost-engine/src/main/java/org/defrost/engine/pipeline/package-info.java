/**
 * Pipeline files: the model ({@link org.defrost.engine.pipeline.Pipeline}), parsing and validation that
 * reports every problem at once with its file, line, column and field, and matrix expansion.
 */
package org.defrost.engine.pipeline;
