import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.yimatong.schemas.crypto.Jwk;

/**
 * Prints client assertions (RFC 7523, header Ymt-Client-Assertion) made with a member's private JWK.
 * Usage: java -cp 'hub/target/quarkus-app/lib/main/*' ClientAssertion.java KEY_FILE ISSUER AUDIENCE [COUNT]
 * One compact JWS per line, made by the contract's own org.yimatong.schemas.jose.ClientAssertion.
 */
public class ClientAssertion {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ClientAssertion KEY_FILE ISSUER AUDIENCE [COUNT]");
            System.exit(2);
        }
        Jwk key = Jwk.parse(Files.readString(Path.of(args[0])));
        int count = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            System.out.println(org.yimatong.schemas.jose.ClientAssertion.sign(key, args[1], args[2], now));
        }
    }
}
