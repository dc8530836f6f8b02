/**
 * The content-addressed artifact store. A workspace holds {@code artifacts/<key>/} directories, each
 * with a {@code manifest.json} (kind, key, producer, parameters, inputs, checksums) and its files,
 * written under {@code tmp/} and renamed into place only when complete, and {@code runs/<run-id>/}
 * records of what each run produced or reused.
 */
package org.defrost.engine.store;
