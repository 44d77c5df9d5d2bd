package org.netserv.controller.cli;

import org.netserv.ncm.cli.ProjectVersion;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code --version} of every picocli command in the controller jar: {@code NAME (NetServ) VERSION}. */
public final class VersionProvider implements IVersionProvider {
    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        return new String[] {ProjectVersion.line(spec == null ? "netserv" : spec.root().name())};
    }
}
