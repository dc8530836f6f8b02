package org.defrost.distributed;

/** The broker at a URL could not be reached; the message is one line naming the URL and the client's reason. */
public final class BrokerUnreachableException extends Exception {
    private static final long serialVersionUID = 1L;

    BrokerUnreachableException(String url, Throwable cause) {
        super("cannot reach the broker at " + url + ": " + rootMessage(cause), cause);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        // Artemis prefixes its messages with a code (AMQ219007: ...): the text alone says what happened
        return m.replaceFirst("^AMQ\\d+: ", "");
    }
}
