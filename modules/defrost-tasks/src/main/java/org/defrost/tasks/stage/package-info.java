/**
 * The task-generation stages. Each writes two artifacts: the whole {@code task-pair} and a
 * {@code source-task} holding only the source sets, whose key does not change when only the target side
 * of the pair changes, so that one source network serves every target variant.
 */
package org.defrost.tasks.stage;
