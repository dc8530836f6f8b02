/**
 * The report's view of a run's results: transfer results per matrix cell (errors by depth, optimal depths,
 * training curves), the protocol comparison, the recommendation per cell and target size, and the
 * similarity profiles and matrices.
 */
package org.defrost.report.model;
