package org.defrost.distributed;

/**
 * A {@code host:port} listening address; an IPv6 host is written in brackets ({@code [::1]:61616}).
 *
 * @param host a host name or IP address, without brackets
 * @param port 1 to 65535
 */
record HostPort(String host, int port) {

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the text when it is not {@code host:port}
     */
    static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon > 0 ? text.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT with a port from 1 to 65535 (e.g. "
                    + EmbeddedBroker.DEFAULT_BIND + ")");
        }
        return new HostPort(host, port);
    }

    /** {@code host:port} as it goes into a URL, the host bracketed when it is an IPv6 address. */
    String uriAuthority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
