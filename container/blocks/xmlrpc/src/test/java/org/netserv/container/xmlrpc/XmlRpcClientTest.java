package org.netserv.container.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against Python's standard-library XML-RPC server (a real, independent peer) on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class XmlRpcClientTest {
    static Process server;
    static URI url;

    @BeforeAll
    static void start() throws IOException {
        String py = String.join("\n",
                "from xmlrpc.server import SimpleXMLRPCServer",
                "import xmlrpc.client, sys",
                "s = SimpleXMLRPCServer(('127.0.0.1', 0), logRequests=False, allow_none=True)",
                "def echo(*a): return list(a)",
                "def notify(m): return 'installed ' + m['module'] + ' on ' + m['node']",
                "def fail(): raise xmlrpc.client.Fault(42, 'module refused')",
                "s.register_function(echo); s.register_function(notify); s.register_function(fail)",
                "print(s.server_address[1], flush=True)",
                "s.serve_forever()");
        server = new ProcessBuilder("python3", "-c", py).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String port = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        url = URI.create("http://127.0.0.1:" + port.strip() + "/RPC2");
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    final XmlRpcClient c = new XmlRpcClient(Duration.ofSeconds(10));

    @Test
    void callsWithEveryType() throws Exception {
        Object r = c.call(url, "echo", 7, true, "a<b&c", 2.5, new byte[] {1, 2, 3}, List.of(1, "x"),
                Map.of("k", 9));
        List<?> l = (List<?>) r;
        assertEquals(7, l.get(0));
        assertEquals(true, l.get(1));
        assertEquals("a<b&c", l.get(2));
        assertEquals(2.5, l.get(3));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) l.get(4));
        assertEquals(List.of(1, "x"), l.get(5));
        assertEquals(Map.of("k", 9), l.get(6));
    }

    @Test
    void notificationLikeTheControllerSendsIt() throws Exception {
        assertEquals("installed NetServ.apps.NetMonitor_1.0.0 on node-1",
                c.call(url, "notify", Map.of("module", "NetServ.apps.NetMonitor_1.0.0", "node", "node-1")));
    }

    @Test
    void faultsAndBadInput() {
        XmlRpcClient.XmlRpcException e = assertThrows(XmlRpcClient.XmlRpcException.class, () -> c.call(url, "fail"));
        assertEquals(42, e.faultCode());
        assertTrue(e.getMessage().contains("module refused"));
        assertThrows(IOException.class, () -> c.call(url, "nosuchmethod"));
        assertThrows(IllegalArgumentException.class, () -> c.call(url, "bad name<"));
        assertThrows(IllegalArgumentException.class, () -> c.call(url, "echo", new Object()));
        assertThrows(IOException.class, () -> XmlRpcClient.parseResponse("<nope/>".getBytes()));
        assertThrows(IOException.class, () -> XmlRpcClient.parseResponse("<methodResponse><params><param><value><int>x</int></value></param></params></methodResponse>".getBytes()));
        assertThrows(IOException.class, () -> XmlRpcClient.parseResponse("<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><methodResponse/>".getBytes()));
        assertThrows(IOException.class, () -> XmlRpcClient.parseResponse("not xml".getBytes()));
    }
}
