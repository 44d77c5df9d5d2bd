/*
 * QuietStackLogger — JAIN-SIP's logger for the parser when no SIP stack is created.
 *
 * Without a stack, gov.nist.core.CommonLogger falls back to log4j, which this bundle does
 * not carry (its import is optional): the first malformed message that made the parser ask
 * "is logging enabled?" threw NoClassDefFoundError out of SipCodec.parse, an Error a module's
 * packet handler does not catch (found by SipCodecFuzzTest). The parser's messages about bad
 * input are what SipCodec's ParseException already says, so they are dropped here; fatal
 * errors and exceptions go to System.Logger.
 */
package org.netserv.container.sip;

import gov.nist.core.StackLogger;
import java.util.Properties;

final class QuietStackLogger implements StackLogger {
    private static final System.Logger LOG = System.getLogger("org.netserv.container.sip");

    @Override public void logStackTrace() {}
    @Override public void logStackTrace(int traceLevel) {}
    @Override public int getLineCount() { return 0; }
    @Override public void logException(Throwable ex) { LOG.log(System.Logger.Level.DEBUG, "JAIN-SIP", ex); }
    @Override public void logDebug(String message) {}
    @Override public void logDebug(String message, Exception ex) {}
    @Override public void logTrace(String message) {}
    @Override public void logFatalError(String message) { LOG.log(System.Logger.Level.WARNING, "JAIN-SIP: " + message); }
    @Override public void logError(String message) {}
    @Override public boolean isLoggingEnabled() { return false; }
    @Override public boolean isLoggingEnabled(int logLevel) { return false; }
    @Override public void logError(String message, Exception ex) {}
    @Override public void logWarning(String message) {}
    @Override public void logInfo(String message) {}
    @Override public void disableLogging() {}
    @Override public void enableLogging() {}
    @Override public void setBuildTimeStamp(String buildTimeStamp) {}
    @Override public void setStackProperties(Properties stackProperties) {}
    @Override public String getLoggerName() { return "netserv-sip-quiet"; }
}
