package org.defrost.tasks;

/** Which task of a pair a set belongs to: the data-rich source or the data-poor target. */
public enum TaskRole {
    SOURCE,
    TARGET
}
