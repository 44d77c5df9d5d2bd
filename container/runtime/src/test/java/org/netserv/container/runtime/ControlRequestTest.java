package org.netserv.container.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlRequestTest {
    static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesRequestsInARow() throws Exception {
        InputStream s = in("INSTALL NetServ.apps.NetMonitor_1.0.0\r\npath: /s/m.jar\nDigest: sha-256=ab\n"
                + "properties: a=1,b=2\n\n\nstatus\n\nSTATUS X_1.0.0\n\n");
        ControlRequest r = ControlRequest.read(s);
        assertEquals("INSTALL", r.command());
        assertEquals("NetServ.apps.NetMonitor_1.0.0", r.moduleId());
        assertEquals("/s/m.jar", r.header("path"));
        assertEquals("sha-256=ab", r.header("digest"));
        assertEquals("a=1,b=2", r.header("properties"));
        ControlRequest st = ControlRequest.read(s);
        assertEquals("STATUS", st.command());
        assertNull(st.moduleId());
        assertEquals("X_1.0.0", ControlRequest.read(s).moduleId());
        assertNull(ControlRequest.read(s));
    }

    @Test
    void badRequestsAreRefusedAndTheStreamStaysInStep() throws Exception {
        InputStream s = in("FROB\n\nINSTALL\n\nREMOVE x\n\nLIST a_1\n\nLIST\nnocolon\n\nLIST\nk: 1\nk: 2\n\n"
                + "STATUS a_1 b\n\nLIST\n\u0001x: y\n\nLIST\n\n");
        for (String why : List.of("unknown command", "needs a module id", "bad module id", "takes no module id",
                "without 'key: value'", "given twice", "more than a command", "control character")) {
            ControlRequest.BadRequest e = assertThrows(ControlRequest.BadRequest.class, () -> ControlRequest.read(s));
            assertTrue(e.getMessage().contains(why), e.getMessage() + " / " + why);
        }
        assertEquals("LIST", ControlRequest.read(s).command());
    }

    @Test
    void limitsAreEnforced() throws Exception {
        StringBuilder many = new StringBuilder("LIST\n");
        for (int i = 0; i < 40; i++) {
            many.append("h").append(i).append(": v\n");
        }
        InputStream s = in(many + "\nLIST\n\n");
        assertTrue(assertThrows(ControlRequest.BadRequest.class, () -> ControlRequest.read(s)).getMessage()
                .contains("more than 32"));
        assertEquals("LIST", ControlRequest.read(s).command());
        ControlRequest.BadRequest e = assertThrows(ControlRequest.BadRequest.class,
                () -> ControlRequest.read(in("LIST " + "x".repeat(9000) + "\n\n")));
        assertTrue(e.fatal());
        assertThrows(EOFException.class, () -> ControlRequest.read(in("LIST\npath: x")));
    }

    @Test
    void moduleIds() {
        assertTrue(ModuleId.isValid("NetServ.apps.NetMonitor_1.0.0"));
        assertTrue(ModuleId.isValid("a_b_1.2.3.qualifier"));
        assertTrue(!ModuleId.isValid("NetMonitor"));
        assertTrue(!ModuleId.isValid("_1.0"));
        assertTrue(!ModuleId.isValid("x_1.a"));
        assertTrue(!ModuleId.isValid("x y_1.0"));
        assertEquals("a_b", ModuleId.symbolicName("a_b_1.2.3"));
    }

    @Test
    void containerConfigErrorsNameTheLine() {
        List<String> ok = List.of("slot = 1", "user = bob", "sandbox = /s", "control_socket = /c.sock", "# c", "");
        ContainerConfig c = ContainerConfig.parse(ok, "t");
        assertEquals("bob", c.get("user", ""));
        for (List<String> bad : List.of(List.of("slot 1"), List.of("colour = red"), List.of("slot = 1", "slot = 2"),
                List.of("slot = x", "user = b", "sandbox = /s", "control_socket = /c"),
                List.of("slot = 1", "user = b", "sandbox = /s", "control_socket = /c", "ports = 0"),
                List.of("slot = 1", "user = b", "sandbox = /s", "control_socket = /c", "netns = maybe"),
                List.of("slot = 1", "user = b", "sandbox = /s"))) {
            assertThrows(IllegalArgumentException.class, () -> ContainerConfig.parse(bad, "t"), bad.toString());
        }
    }

    @Test
    void propertiesAndDigests() {
        assertEquals("2", ModuleManager.parseProperties("a=1, b = 2").getProperty("b"));
        assertThrows(IllegalArgumentException.class, () -> ModuleManager.parseProperties("a=1,b"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                ModuleManager.sha256(new byte[0]));
    }
}
