package org.yimatong.department;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.yimatong.schemas.dictionary.LevelOfAssurance;

import io.quarkus.security.Authenticated;

/**
 * The department's services a person reaches after single sign-on. Each needs a hub access token meant for this
 * department and at least the service's level; the answer names the person only by the pairwise {@code sub} the hub
 * made for this department, which no other department can link.
 */
@Path("/services")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ServicesResource {

    private final JsonWebToken token;
    private final DepartmentConfig config;

    public ServicesResource(JsonWebToken token, DepartmentConfig config) {
        this.token = token;
        this.config = config;
    }

    @GET
    @Path("residence-certificate")
    public ServiceAnswer residenceCertificate() {
        return answer("residence-certificate", config.residenceCertificate());
    }

    @GET
    @Path("social-security-transfer")
    public ServiceAnswer socialSecurityTransfer() {
        return answer("social-security-transfer", config.socialSecurityTransfer());
    }

    private ServiceAnswer answer(String service, DepartmentConfig.Service settings) {
        LevelOfAssurance level = RequiredLevel.atLeast(token, settings.minimumLevel());
        return new ServiceAnswer(service, token.getSubject(), level.uri());
    }

    /**
     * What the service tells the person's app: who the department knows them as, and at which level.
     *
     * @param sub the person's pairwise subject at this department
     * @param acr the level of assurance of the sign-on
     */
    public record ServiceAnswer(String service, String sub, String acr) {}
}
