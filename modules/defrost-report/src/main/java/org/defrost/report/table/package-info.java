/** Tidy tables: reading and writing the CSV files that stages exchange and the report publishes. */
package org.defrost.report.table;
