package org.netserv.controller;

import java.nio.file.Path;
import java.time.Clock;
import org.netserv.controller.policy.PolicyLoader;

/** A started controller over the in-memory plane and containers, for tests outside this package. */
public final class ControllerFixture {
    private ControllerFixture() {
    }

    public static Controller minimal(final Path dir) throws Exception {
        final Path policy = Fixtures.policy(dir, Fixtures.pem(Fixtures.ed25519().getPublic()),
                Fixtures.pem(Fixtures.ec().getPublic()), "<prefix>10.61.0.0/16</prefix>", "");
        final Controller c = new Controller(PolicyLoader.load(policy), new Controller.Options(dir.resolve("state"),
                Clock.systemUTC(), 0), new Fakes.Plane(2), new Fakes.Containers());
        c.start();
        return c;
    }
}
