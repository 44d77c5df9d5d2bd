/*
 * EventSocket — where the SIP server's script sends its trigger events: one UDP datagram
 * per event line (Kamailio's send_data()), bound to a local address:port.
 */
package org.netserv.apps.siptrigger;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

public final class EventSocket implements AutoCloseable {
    private final DatagramSocket socket;
    private volatile boolean open = true;

    /** @throws IllegalArgumentException when {@code listen} is not address:port */
    public EventSocket(String listen) throws IOException {
        int colon = listen.lastIndexOf(':');
        if (colon < 0) throw new IllegalArgumentException("--listen needs address:port, got '" + listen + "'");
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(listen.substring(0, colon)),
                Integer.parseInt(listen.substring(colon + 1))));
    }

    public int port() { return socket.getLocalPort(); }

    public String address() { return String.valueOf(socket.getLocalSocketAddress()); }

    /** Hands each received line (trimmed) to {@code events} until closed. */
    public void serve(Consumer<String> events, Consumer<String> log) {
        byte[] buf = new byte[512];
        DatagramPacket d = new DatagramPacket(buf, buf.length);
        while (open) {
            try {
                socket.receive(d);
            } catch (IOException e) {
                if (open) log.accept("receive: " + e);
                continue;
            }
            events.accept(new String(d.getData(), 0, d.getLength(), StandardCharsets.US_ASCII).trim());
        }
    }

    @Override
    public void close() {
        open = false;
        socket.close();
    }
}
