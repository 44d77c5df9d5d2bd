package org.netserv.controller.server;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar netserv-controller-all.jar [--config FILE] [--set key=value]...}: runs until SIGTERM/SIGINT. */
@Command(name = "netserv-controller", mixinStandardHelpOptions = true,
        versionProvider = org.netserv.controller.cli.VersionProvider.class,
        description = "The NetServ node controller: authenticates NCMs, installs modules, drives the forwarding plane. "
                + "Runs in the foreground until SIGTERM/SIGINT.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM/SIGINT", "1:the node policy is bad, or start-up failed",
                "2:usage error (option, --set without key=value, unreadable --config)"},
        footerHeading = "%nExamples:%n",
        footer = {"  netserv-controller --config /etc/netserv/controller.conf",
                "  netserv-controller --config controller.conf \\",
                "      --set state_dir=/tmp/ns --set http=127.0.0.1:8470"})
public final class ControllerMain implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--config", description = "controller config file (key = value lines)")
    Path config;

    @Option(names = "--set", description = "override one config key, e.g. --set state_dir=/tmp/ns")
    java.util.List<String> overrides = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ControllerConfig cfg;
        try {
            cfg = config == null ? ControllerConfig.defaults() : ControllerConfig.load(config);
        } catch (java.io.IOException | IllegalArgumentException e) {
            System.err.println("netserv-controller: --config " + config + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
            return 2;
        }
        for (final String o : overrides) {
            final int eq = o.indexOf('=');
            if (eq <= 0) {
                System.err.println("netserv-controller: --set expects key=value, got " + o);
                return 2;
            }
            cfg = cfg.with(o.substring(0, eq), o.substring(eq + 1));
        }
        final NodeRuntime rt;
        try {
            rt = NodeRuntime.start(cfg);
        } catch (org.netserv.controller.policy.PolicyException e) {
            System.err.println("netserv-controller: bad policy: " + e.getMessage());
            return 1;
        }
        final CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            rt.close();
            done.countDown();
        }, "shutdown"));
        System.out.println("netserv-controller: node " + rt.controller().policy().nodeId() + " ready");
        System.out.flush();
        done.await();
        return 0;
    }

    public static void main(final String[] args) {
        org.netserv.controller.module.PinnedHttp.init(); // before java.net.http loads (Host header opt-in)
        System.exit(new CommandLine(new ControllerMain()).setParameterExceptionHandler(new org.netserv.controller.cli.UsageErrors())
                .execute(args));
    }
}
