package ai.chatr.support;

import java.lang.annotation.Annotation;
import java.net.URL;
import org.jboss.arquillian.container.test.impl.enricher.resource.URLResourceProvider;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/**
 * Lets a test declare {@code @ArquillianResource Api api}: chatr's API at the deployment's URL,
 * found the way Arquillian finds an {@code @ArquillianResource URL}.
 */
public class ApiResourceProvider extends URLResourceProvider {

    @Override
    public boolean canProvide(Class<?> type) {
        return Api.class.equals(type);
    }

    @Override
    public Object doLookup(ArquillianResource resource, Annotation... qualifiers) {
        Object url = super.doLookup(resource, qualifiers);
        return url == null ? null : new Api((URL) url);
    }

    /** Registers the provider (see META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension). */
    public static class Extension implements LoadableExtension {

        @Override
        public void register(ExtensionBuilder builder) {
            builder.service(ResourceProvider.class, ApiResourceProvider.class);
        }
    }
}
