package ai.chatr.storage.boundary;

import ai.chatr.http.ApiException;
import ai.chatr.storage.control.Storage;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Until chatr has reached its database, every request that needs it (everything but the resources marked
 * {@link WithoutDatabase}: {@code /health} and the guide) is answered 503 {@code storage_unavailable}, before authentication looks up a key.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 10)
public class StorageGate implements ContainerRequestFilter {

    @Inject
    Storage storage;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!storage.open() && !resource.getResourceClass().isAnnotationPresent(WithoutDatabase.class)) {
            throw new ApiException(503, "storage_unavailable",
                    "chatr cannot reach its database right now. Try again in a few seconds.");
        }
    }
}
