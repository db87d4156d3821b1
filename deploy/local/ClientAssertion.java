import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.jose.JwsSigner;

/**
 * Prints client assertions (RFC 7523, header Ymt-Client-Assertion) made with a member's private JWK.
 * Usage: java -cp 'hub/target/quarkus-app/lib/main/*' ClientAssertion.java KEY_FILE ISSUER AUDIENCE [COUNT]
 * One compact JWS per line (iss = sub = ISSUER, aud = AUDIENCE, a fresh jti, exp = iat + 60 s).
 */
public class ClientAssertion {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ClientAssertion KEY_FILE ISSUER AUDIENCE [COUNT]");
            System.exit(2);
        }
        Jwk key = Jwk.parse(Files.readString(Path.of(args[0])));
        int count = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        long iat = Instant.now().getEpochSecond();
        for (int i = 0; i < count; i++) {
            String claims = "{\"iss\":" + q(args[1]) + ",\"sub\":" + q(args[1]) + ",\"aud\":" + q(args[2])
                    + ",\"jti\":" + q(UUID.randomUUID().toString()) + ",\"iat\":" + iat + ",\"exp\":" + (iat + 60) + "}";
            System.out.println(JwsSigner.sign(key, "JWT", claims.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
