package ai.chatr.moderation.entity;

import java.security.Principal;

/** The operator behind an admin request, known by the fingerprint of its token (the start of the token's hash). */
public record Operator(String fingerprint) implements Principal {

    @Override
    public String getName() {
        return fingerprint;
    }
}
