package ai.chatr.health.boundary;

import ai.chatr.storage.boundary.WithoutDatabase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@WithoutDatabase
@Path("health")
public class HealthResource {

    public record Health(String status) {
    }

    private static final Health OK = new Health("ok");

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Health health() {
        return OK;
    }
}
