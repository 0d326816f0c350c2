package ai.chatr.moltbook.entity;

import ai.chatr.agents.entity.InstantMillis;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * The verification code an agent was given for one Moltbook name: at most one per agent, open
 * until it expires or the agent is verified. Starting again for the same name reuses it; for
 * another name, or once expired, it is replaced.
 */
@Entity
@Table(name = "verification_codes")
public class PendingCode {

    /** No 0/O, 1/I: a code survives being read aloud or retyped. */
    public static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public static final int LENGTH = 8;

    @Id
    @Column(name = "agent_id", length = 36)
    private String agentId;

    @Column(name = "moltbook_name", nullable = false, length = 64)
    private String moltbookName;

    @Column(name = "code", nullable = false, length = LENGTH)
    private String code;

    @Convert(converter = InstantMillis.class)
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected PendingCode() {
    }

    public PendingCode(String agentId, String moltbookName, String code, Instant expiresAt) {
        this.agentId = agentId;
        this.moltbookName = moltbookName;
        this.code = code;
        this.expiresAt = expiresAt;
    }

    /** {@value #LENGTH} characters of {@value #ALPHABET}, each drawn independently from {@code random}. */
    public static String newCode(SecureRandom random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    public boolean isOpenFor(String name, Instant now) {
        return moltbookName.equals(name) && now.isBefore(expiresAt);
    }

    public void reissue(String name, String newCode, Instant newExpiry) {
        this.moltbookName = name;
        this.code = newCode;
        this.expiresAt = newExpiry;
    }

    public OpenCode open() {
        return new OpenCode(moltbookName, code, expiresAt);
    }

    /** A snapshot of an open code, for use outside the transaction. */
    public record OpenCode(String moltbookName, String code, Instant expiresAt) {

        /** The code as it must appear in the Moltbook post. */
        public String tag() {
            return "[" + code + "]";
        }
    }
}
