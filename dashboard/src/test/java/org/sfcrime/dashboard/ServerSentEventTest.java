package org.sfcrime.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServerSentEventTest {

    @Test
    void anEventIsItsNameItsDataLinesAndABlankLine() {
        assertEquals("event: counts\ndata: [{\"count\":1}]\n\n", new ServerSentEvent("counts", "[{\"count\":1}]").encode());
    }

    @Test
    void eachLineOfTheDataGetsItsOwnDataField() {
        assertEquals("event: health\ndata: a\ndata: b\ndata: \ndata: c\n\n", new ServerSentEvent("health", "a\nb\r\n\rc").encode());
    }

    @Test
    void theKeepAliveIsACommentThatEndsAnEvent() {
        assertEquals(": keep-alive\n\n", ServerSentEvent.KEEP_ALIVE);
    }
}
