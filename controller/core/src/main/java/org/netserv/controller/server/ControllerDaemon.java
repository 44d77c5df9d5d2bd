package org.netserv.controller.server;

import java.nio.file.Path;
import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;
import org.apache.commons.daemon.DaemonInitException;

/**
 * Entry for Apache Commons Daemon ({@code jsvc}, Debian package {@code jsvc}):
 * <pre>
 *   jsvc -pidfile /run/netserv/controller.pid -outfile /var/log/netserv/controller.log \
 *        -errfile '&amp;1' -cp netserv-controller-all.jar \
 *        org.netserv.controller.server.ControllerDaemon --config /etc/netserv/controller.conf
 * </pre>
 * {@code init} checks the config and policy (so a bad one fails the start with a message),
 * {@code start} brings the node up, {@code stop} takes it down.
 */
public final class ControllerDaemon implements Daemon {
    private ControllerConfig config;
    private NodeRuntime runtime;

    @Override
    public void init(final DaemonContext context) throws DaemonInitException, Exception {
        org.netserv.controller.module.PinnedHttp.init(); // before java.net.http loads (Host header opt-in), as ControllerMain
        final String[] args = context.getArguments();
        if (args.length == 2 && args[0].equals("--config")) {
            config = ControllerConfig.load(Path.of(args[1]));
        } else if (args.length == 0) {
            config = ControllerConfig.defaults();
        } else {
            throw new DaemonInitException("usage: ControllerDaemon [--config FILE]");
        }
        try {
            org.netserv.controller.policy.PolicyLoader.load(config.path("policy"));
        } catch (org.netserv.controller.policy.PolicyException e) {
            throw new DaemonInitException("bad policy: " + e.getMessage());
        }
    }

    @Override
    public void start() throws Exception {
        runtime = NodeRuntime.start(config);
    }

    @Override
    public void stop() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    @Override
    public void destroy() {
        stop();
    }
}
