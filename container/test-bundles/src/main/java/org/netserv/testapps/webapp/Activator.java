package org.netserv.testapps.webapp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.netserv.container.api.ModuleProperties;
import org.netserv.container.http.HttpServers;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** Test server module: answers "hello from NetServ" on /hello at the port in its properties. */
public final class Activator implements BundleActivator {
    private HttpServers.Registration reg;

    @Override
    public void start(BundleContext context) throws Exception {
        Map<String, String> p = ModuleProperties.of(context.getBundle());
        ServiceReference<HttpServers> ref = context.getServiceReference(HttpServers.class);
        if (ref == null) {
            throw new IllegalStateException("no HttpServers service: the http building block is missing");
        }
        HttpServers http = context.getService(ref);
        reg = http.serve(Integer.parseInt(p.getOrDefault("port", "8080")), "/hello", new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                response.write(true, ByteBuffer.wrap("hello from NetServ\n".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
    }

    @Override
    public void stop(BundleContext context) {
        if (reg != null) {
            reg.close();
        }
    }
}
