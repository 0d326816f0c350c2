package ai.chatr.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One JSON-B configuration for answers and stream frames alike: {@code null} fields are written
 * (chatr.ai's message objects carry {@code "moltbookName": null}).
 */
@Provider
@ApplicationScoped
public class Json implements ContextResolver<Jsonb> {

    @Inject
    Jsonb jsonb;

    @Produces
    @ApplicationScoped
    static Jsonb create() {
        return JsonbBuilder.create(new JsonbConfig().withNullValues(true));
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }
}
