package org.netserv.netns;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: gives each test method a fresh {@link Topology} parameter and
 * always removes it afterwards, whether the test passed or failed. Fails the class
 * up front with a clear message when not root.
 *
 * <pre>
 * &#64;ExtendWith(NetnsExtension.class)
 * class MyTest { &#64;Test void t(Topology t) { ... } }
 * </pre>
 */
public final class NetnsExtension implements BeforeAllCallback, ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NetnsExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Topology.requireRoot();
        Topology.sweep();
    }

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        return pc.getParameter().getType() == Topology.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        return ec.getStore(NS).getOrComputeIfAbsent("topology", k -> Topology.create(), Topology.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Topology t = context.getStore(NS).remove("topology", Topology.class);
        if (t != null) t.close();
    }
}
