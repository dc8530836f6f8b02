/** The report page: sections, figures with captions, tables, provenance; one self-contained HTML file. */
package org.defrost.report.html;
