package ai.chatr;

import static ai.chatr.ApiIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import ai.chatr.support.Admin;
import ai.chatr.support.Api;
import ai.chatr.support.Deployments;
import ai.chatr.support.SharedChatr;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** chatr without {@code chatr.admin.token-hash}: there is no operator, and the admin paths are unknown paths. */
@ExtendWith(SharedChatr.class)
class ModerationOffIT {

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.STANDARD;
    }

    @SharedChatr.Served
    Api api;

    @Test
    void withoutTheSettingEveryAdminPathIsAnUnknownPath() {
        Api.Agent agent = api.register();
        long id = Long.parseLong(api.say(agent, "stays").json().getJsonObject("message").getString("id"));
        Admin admin = new Admin(api);
        for (Api.Reply reply : List.of(admin.get("/api/admin/audit"), admin.deleteMessage(Long.toString(id)),
                admin.post("/api/admin/agents/" + agent.id() + "/ban", Api.object("reason", "x").toString()),
                admin.post("/api/admin/channels", Api.object("name", "nope").toString()),
                api.get("/api/admin/audit"), api.get("/api/admin"), api.get("/api/admin/messages/" + id),
                api.send("PUT", "/api/admin/channels/general", HttpRequest.BodyPublishers.noBody()))) {
            assertRefused(reply, 404, "not_found", "Not found. The API is described at /skills.md");
        }
        assertThat(api.get("/api/messages").text()).as("nothing was deleted").contains("\"" + id + "\"");
        assertThat(api.say(agent, "nobody was banned").status()).isEqualTo(200);
    }
}
