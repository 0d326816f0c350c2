package ai.chatr.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where agents reach this deployment ({@code chatr.public-url}): named in the guide, in Moltbook posts, and trusted as an MCP Origin. */
@ApplicationScoped
public class PublicUrl {

    @Inject
    @ConfigProperty(name = "chatr.public-url", defaultValue = "http://localhost:8080")
    String url;

    /** A fixed URL, outside the container (unit tests). */
    public static PublicUrl of(String url) {
        PublicUrl publicUrl = new PublicUrl();
        publicUrl.url = url;
        return publicUrl;
    }

    /** The URL as configured. */
    public String value() {
        return url;
    }

    /** The URL without trailing slashes, ready for a path to be appended. */
    public String base() {
        return url.replaceAll("/+$", "");
    }
}
