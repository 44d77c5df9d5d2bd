/*
 * The logging building block: modules log through the standard OSGi Log Service
 * (org.osgi.service.log, provided by Equinox); this bundle writes every entry at
 * INFO and above to the container's log (its standard error, which the controller
 * keeps per slot) as one line naming the module:
 *   netserv-container[NetServ.apps.NetMonitor_1.0.0] WARN: message (exception)
 * DEBUG entries are written when the bundle property netserv.log.debug is true.
 */
package org.netserv.container.log;

import java.io.PrintStream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.util.tracker.ServiceTracker;

public final class Activator implements BundleActivator, LogListener {
    private ServiceTracker<LogReaderService, LogReaderService> readers;
    private final PrintStream out = System.err;
    private boolean debug;

    @Override
    public void start(BundleContext context) {
        debug = Boolean.parseBoolean(context.getProperty("netserv.log.debug"));
        readers = new ServiceTracker<>(context, LogReaderService.class, null) {
            @Override
            public LogReaderService addingService(org.osgi.framework.ServiceReference<LogReaderService> ref) {
                LogReaderService r = super.addingService(ref);
                r.addLogListener(Activator.this);
                return r;
            }

            @Override
            public void removedService(org.osgi.framework.ServiceReference<LogReaderService> ref, LogReaderService r) {
                r.removeLogListener(Activator.this);
                super.removedService(ref, r);
            }
        };
        readers.open();
    }

    @Override
    public void stop(BundleContext context) {
        readers.close();
    }

    @Override
    public void logged(LogEntry e) {
        LogLevel level = e.getLogLevel();
        if (!debug && !level.implies(LogLevel.INFO)) {
            return;
        }
        if (e.getLoggerName() != null && e.getLoggerName().startsWith("Events.")) {
            return; // the framework's own bundle/service event chatter
        }
        Bundle b = e.getBundle();
        String who = b == null ? "?" : b.getSymbolicName() + "_" + b.getVersion();
        String msg = String.valueOf(e.getMessage()).replace('\n', ' ');
        Throwable t = e.getException();
        out.println("netserv-container[" + who + "] " + level + ": " + msg + (t == null ? "" : " (" + t + ")"));
    }
}
