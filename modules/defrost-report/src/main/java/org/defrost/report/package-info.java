/**
 * The {@code report} stage and the report generator behind it and behind {@code defrost report RUN_ID}.
 *
 * <p>Entry points: {@link org.defrost.report.ReportGenerator#generate} writes a report from
 * {@link org.defrost.report.ReportInputs} (the {@code transfer-results} and {@code similarity-results}
 * artifacts and the run's {@link org.defrost.report.Provenance}); {@link org.defrost.report.FinishedRun#load}
 * gathers those inputs from a workspace for a finished run.
 */
package org.defrost.report;
