/** The {@code defrost similarity} command without its argument parsing: arrays in, one JSON object out. */
package org.defrost.similarity.cli;
