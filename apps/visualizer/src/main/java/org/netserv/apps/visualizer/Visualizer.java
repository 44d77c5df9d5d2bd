/*
 * Visualizer — the publisher-side server NetMonitor reports to (paper §5, the GEC9
 * traffic visualization). Receives the reports of any number of NetServ nodes over
 * UDP and shows them two ways: a live text table (--text, refreshed every second on
 * stdout) and a web page with a chart per node that updates itself
 * (http://HOST:HTTP_PORT/, data at /api/nodes).
 *
 *   java -jar netserv-visualizer.jar [--udp-port 5678] [--http-port 8080] [--bind 0.0.0.0] [--text]
 */
package org.netserv.apps.visualizer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "netserv-visualizer", mixinStandardHelpOptions = true,
        description = "Receives NetMonitor reports over UDP and shows them as text and as a web page.")
public final class Visualizer implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger("netserv.visualizer");
    @Option(names = "--udp-port", description = "UDP port for NetMonitor reports (default ${DEFAULT-VALUE})")
    int udpPort = 5678;
    @Option(names = "--http-port", description = "HTTP port of the web page, -1 = none, 0 = any free (default ${DEFAULT-VALUE})")
    int httpPort = 8080;
    @Option(names = "--bind", description = "address to listen on (default ${DEFAULT-VALUE})")
    String bind = "0.0.0.0";
    @Option(names = "--text", description = "print the live text view every second")
    boolean text;

    final Board board = new Board();
    private volatile boolean running = true;
    private DatagramSocket socket;
    private HttpServer http;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Visualizer()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        while (running) {
            Thread.sleep(1000);
            if (text) System.out.print("\033[H\033[2J" + board.text(System.currentTimeMillis()));
        }
        return 0;
    }

    /** Opens the UDP socket and the web server; returns once both listen. */
    public void start() throws IOException {
        InetAddress addr = InetAddress.getByName(bind);
        socket = new DatagramSocket(new InetSocketAddress(addr, udpPort));
        Thread rx = new Thread(this::receive, "visualizer-udp");
        rx.setDaemon(true);
        rx.start();
        if (httpPort >= 0) {
            http = HttpServer.create(new InetSocketAddress(addr, httpPort), 16);
            http.createContext("/api/nodes", x -> reply(x, 200, "application/json",
                    board.json(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8)));
            http.createContext("/", this::page);
            http.setExecutor(Executors.newFixedThreadPool(2));
            http.start();
        }
        System.err.printf("netserv-visualizer: reports on udp %s:%d%s%n", bind, socket.getLocalPort(),
                http == null ? "" : ", page at http://" + bind + ":" + http.getAddress().getPort() + "/");
    }

    public int udpPort() { return socket.getLocalPort(); }

    public int httpPort() { return http.getAddress().getPort(); }

    public void stop() {
        running = false;
        if (socket != null) socket.close();
        if (http != null) http.stop(0);
    }

    private void receive() {
        byte[] buf = new byte[65535];
        DatagramPacket d = new DatagramPacket(buf, buf.length);
        while (running) {
            try {
                socket.receive(d);
                board.accept(d.getData(), d.getLength(), d.getAddress().getHostAddress(), System.currentTimeMillis());
            } catch (IOException e) {
                if (running) LOG.log(System.Logger.Level.WARNING, "netserv-visualizer: receive: {0}", e);
            }
        }
    }

    private void page(HttpExchange x) throws IOException {
        if (!x.getRequestURI().getPath().equals("/")) {
            reply(x, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (InputStream in = Visualizer.class.getResourceAsStream("/visualizer/index.html")) {
            reply(x, 200, "text/html; charset=utf-8", in.readAllBytes());
        }
    }

    private static void reply(HttpExchange x, int code, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(code, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }
}
