package org.sfcrime.dashboard;

/**
 * One event of a text/event-stream: "event: NAME", a "data:" line per line of the data, and a blank
 * line that ends it (the HTML standard's server-sent events). A comment line keeps an idle stream open.
 */
record ServerSentEvent(String name, String data) {

    /** A comment: browsers ignore it; proxies see traffic and keep the connection. */
    static final String KEEP_ALIVE = ": keep-alive\n\n";

    String encode() {
        StringBuilder text = new StringBuilder();
        text.append("event: ").append(name).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        return text.append('\n').toString();
    }
}
