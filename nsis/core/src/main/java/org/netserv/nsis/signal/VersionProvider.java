package org.netserv.nsis.signal;

import org.netserv.ncm.cli.ProjectVersion;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code --version} of every picocli command in the nsis jar (the controller jar has its twin: the two jars share no picocli code): {@code NAME (NetServ) VERSION}. */
public final class VersionProvider implements IVersionProvider {
    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        return new String[] {ProjectVersion.line(spec == null ? "netserv" : spec.root().name())};
    }
}
