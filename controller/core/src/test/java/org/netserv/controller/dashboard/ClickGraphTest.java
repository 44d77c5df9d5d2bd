package org.netserv.controller.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The flatconfig parser: netserv-click's output, quoted ';' in configs, bad input refused. */
class ClickGraphTest {
    @Test
    void readsElementsAndConnections() {
        final ClickGraph g = ClickGraph.parse("src :: RatedSource(DATA \"a;b)\", RATE 10);\nc :: Counter;\n"
                + "Discard@3 :: Discard;\n\nsrc [0] -> [0] c;\nc [0] -> [0] Discard@3;\n");
        assertEquals(3, g.elements().size());
        assertEquals("DATA \"a;b)\", RATE 10", g.elements().get(0).config());
        assertEquals(new ClickGraph.Connection("c", 0, "Discard@3", 0), g.connections().get(1));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThrows(IllegalArgumentException.class, () -> ClickGraph.parse("a :: Counter;\na [0] -> [0] b;\n"));
        assertThrows(IllegalArgumentException.class, () -> ClickGraph.parse("a -> b;"));
        assertThrows(IllegalArgumentException.class, () -> ClickGraph.parse("a :: Counter"));
    }
}
