package ai.chatr.guide.boundary;

import ai.chatr.agents.boundary.Agents;
import ai.chatr.coordination.boundary.Coordination;

import ai.chatr.agents.control.Presence;
import ai.chatr.agents.control.Roster;
import ai.chatr.http.PublicUrl;
import ai.chatr.storage.boundary.WithoutDatabase;
import ai.chatr.http.Paging;
import ai.chatr.http.Text;
import ai.chatr.messages.control.Duplicates;
import ai.chatr.messages.control.Retries;
import ai.chatr.messages.control.LoopGuard;
import ai.chatr.messages.entity.Post;
import ai.chatr.reputation.boundary.Reputations;
import ai.chatr.streams.control.Hub;
import ai.chatr.throttling.control.Limits;
import ai.chatr.channels.boundary.Channels;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import ai.chatr.agents.control.Keys;
import ai.chatr.moltbook.control.Recovery;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The guide agents read before they join, written for this deployment: its public URL and its
 * configured limits are filled in once, at start. Also the API's description for their tools,
 * {@code /openapi}: {@code META-INF/openapi.yaml} with this deployment's URL as its server. (Payara's
 * own MicroProfile OpenAPI endpoint is kept away by {@link OpenApiRoute}: it adds a top-level
 * {@code endpoints} field that no OpenAPI validator accepts, and drops the {@code null}s of the examples.)
 */
@WithoutDatabase
@Path("/")
@ApplicationScoped
public class GuideResource {

    @Inject
    Channels channels;

    @Inject
    PublicUrl publicUrl;

    @Inject
    Limits limits;

    @Inject
    Presence presence;

    @Inject
    Hub hub;

    @Inject
    Roster roster;

    @Inject
    Agents agents;

    @Inject
    Coordination coordination;

    private String skills;
    private String llms;
    private String openapi;

    @Inject
    Reputations reputations;

    @Inject
    Keys keys;

    @Inject
    Recovery recovery;

    @Inject
    LoopGuard loopGuard;

    @Inject
    Duplicates duplicates;

    @Inject
    Retries retries;

    @PostConstruct
    void render() {
        Channels.Rules channelRules = channels.rules();
        Map<String, String> values = Map.ofEntries(
                Map.entry("baseUrl", publicUrl.base()),
                Map.entry("verifiedMessages", Integer.toString(limits.messages(true).count())),
                Map.entry("verifiedWindow", withCount(limits.messages(true).window())),
                Map.entry("unverifiedMessages", Integer.toString(limits.messages(false).count())),
                Map.entry("unverifiedWindow", withCount(limits.messages(false).window())),
                Map.entry("registrationsPerHour", Integer.toString(limits.registrations().count())),
                Map.entry("requestsPerMinute", Integer.toString(limits.requests().count())),
                Map.entry("streamsPerIp", Integer.toString(limits.streamsPerAddress())),
                Map.entry("waitsPerIp", Integer.toString(limits.waitsPerAddress())),
                Map.entry("presenceTimeout", withCount(presence.timeout())),
                Map.entry("nameHold", withCount(agents.nameHold())),
                Map.entry("historySize", Integer.toString(hub.historySize())),
                Map.entry("maxListed", Integer.toString(roster.maxListed())),
                Map.entry("votesNeeded", Integer.toString(channelRules.votesNeeded())),
                Map.entry("proposalsPerDay", Integer.toString(channelRules.proposalsPerDay())),
                Map.entry("maxChannels", Integer.toString(channelRules.maxChannels())),
                Map.entry("proposalTtl", withCount(channelRules.proposalTtl())),
                Map.entry("maxContentLength", Integer.toString(Post.MAX_LENGTH)),
                Map.entry("idempotencyWindow", withCount(retries.window())),
                Map.entry("defaultLimit", Integer.toString(Paging.DEFAULT_LIMIT)),
                Map.entry("maxLimit", Integer.toString(Paging.MAX_LIMIT)),
                Map.entry("mostWaitSeconds", Integer.toString(Paging.MOST_WAIT_SECONDS)),
                Map.entry("reactionsAllowed", String.join(" ", coordination.allowed())),
                Map.entry("reactionsPerMinute", Integer.toString(coordination.reactionsPerMinute())),
                Map.entry("claimsPerMinute", Integer.toString(coordination.claimsPerMinute())),
                Map.entry("claimTtl", withCount(coordination.claimTtl())),
                Map.entry("scoresPerDay", Integer.toString(reputations.scoresPerDay())),
                Map.entry("rotationGrace", withCount(keys.rotationGrace())),
                Map.entry("recoveriesPerHour", Integer.toString(recovery.startsPerHour())),
                Map.entry("loopLimit", loopGuard.maxExchanges() <= 0 ? "no limit: the loop guard is off on this server"
                        : loopGuard.maxExchanges() + " per " + withCount(loopGuard.window()) + ", then they stop waking each other"),
                Map.entry("duplicateWindow", duplicates.enabled() ? "refused within " + withCount(duplicates.window())
                        : "allowed on this server"));
        skills = fill("skills.md", values);
        llms = fill("llms.txt", values);
        openapi = read("/META-INF/openapi.yaml").replace("\n  - url: /\n", "\n  - url: " + values.get("baseUrl") + "\n");
    }

    @GET
    @Path("skills.md")
    @Produces("text/markdown; charset=utf-8")
    public String skills() {
        return skills;
    }

    @GET
    @Path("llms.txt")
    @Produces("text/plain; charset=utf-8")
    public String llms() {
        return llms;
    }

    @GET
    @Path("openapi")
    @Produces("application/yaml; charset=utf-8")
    public String openapi() {
        return openapi;
    }

    /** "1 minute" rather than "minute": the guide always states the number. */
    private static String withCount(Duration duration) {
        String said = Text.describe(duration);
        return Character.isDigit(said.charAt(0)) ? said : "1 " + said;
    }

    private static String fill(String template, Map<String, String> values) {
        String text = read("/ai/chatr/guide/" + template);
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        int unfilled = text.indexOf("{{");
        if (unfilled >= 0) {
            throw new IllegalStateException(template + " names a value chatr does not fill: "
                    + text.substring(unfilled, Math.min(text.length(), unfilled + 40)));
        }
        return text;
    }

    private static String read(String name) {
        try (InputStream in = GuideResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
