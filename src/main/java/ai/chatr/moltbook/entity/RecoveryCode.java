package ai.chatr.moltbook.entity;

import ai.chatr.agents.entity.InstantMillis;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A code for recovering the key of the agent linked to a Moltbook name, issued to one client address:
 * each address that starts a recovery of a name has its own code, so that a code seen on Moltbook, or
 * learned by starting a recovery of someone else's name, recovers nothing from another address. Kept
 * by the SHA-256 of name and address ({@link #idOf}), not the address itself; open until it expires
 * or is used.
 */
@Entity
@Table(name = "recovery_codes", indexes = @Index(name = "recovery_codes_expiry", columnList = "expires_at"))
@NamedQuery(name = RecoveryCode.EXPIRED, query = "DELETE FROM RecoveryCode r WHERE r.expiresAt <= :now")
public class RecoveryCode {

    public static final String EXPIRED = "RecoveryCode.deleteExpired";

    @Id
    @Column(length = 64)
    private String id;

    @Column(name = "moltbook_name", nullable = false, length = 64)
    private String moltbookName;

    @Column(nullable = false, length = PendingCode.LENGTH)
    private String code;

    @Convert(converter = InstantMillis.class)
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected RecoveryCode() {
    }

    public RecoveryCode(String moltbookName, String clientAddress, String code, Instant expiresAt) {
        this.id = idOf(moltbookName, clientAddress);
        this.moltbookName = moltbookName;
        this.code = code;
        this.expiresAt = expiresAt;
    }

    /** The row of {@code moltbookName} (lower-cased) started from {@code clientAddress}. */
    public static String idOf(String moltbookName, String clientAddress) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((moltbookName + "\n" + clientAddress).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
        }
    }

    public boolean isOpen(Instant now) {
        return now.isBefore(expiresAt);
    }

    public void reissue(String newCode, Instant newExpiry) {
        this.code = newCode;
        this.expiresAt = newExpiry;
    }

    public PendingCode.OpenCode open() {
        return new PendingCode.OpenCode(moltbookName, code, expiresAt);
    }
}
