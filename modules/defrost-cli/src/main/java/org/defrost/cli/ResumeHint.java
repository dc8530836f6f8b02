package org.defrost.cli;

import org.defrost.spi.RunRecordData;

/** Whether running a failed run's command again would reuse any of its work, so that saying so helps. */
final class ResumeHint {
    private ResumeHint() {
    }

    /**
     * True when the run computed something a rerun reuses: a stage invocation, or work units of an invocation that
     * failed. A run that failed before computing anything gains nothing from the hint.
     */
    static boolean helps(RunRecordData record) {
        for (RunRecordData.InvocationEntry inv : record.invocations()) {
            if ("computed".equals(inv.status())) {
                return true;
            }
            if (inv.units() != null && inv.units().computed() > 0) {
                return true;
            }
        }
        return false;
    }
}
