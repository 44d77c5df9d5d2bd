package org.netserv.controller.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error prints two lines on stderr, the problem and where help is, and exits 2:
 * picocli's default would print the whole usage, which buries the one line that matters.
 */
public final class UsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(final ParameterException ex, final String[] args) {
        final CommandLine cmd = ex.getCommandLine();
        final PrintWriter err = cmd.getErr();
        final String who = cmd.getCommandSpec().qualifiedName();
        err.println(who + ": " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + who + " --help' for more information.");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
