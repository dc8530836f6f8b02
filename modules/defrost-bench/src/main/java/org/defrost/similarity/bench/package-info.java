/** A rerunnable benchmark of the measures on the sizes of the performance goal, to compare with numpy. */
package org.defrost.similarity.bench;
