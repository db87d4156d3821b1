package org.yimatong.department;

import java.net.URI;

import org.yimatong.schemas.dictionary.LevelOfAssurance;

import io.smallrye.config.ConfigMapping;

/**
 * What the department knows of the hub and of its own services. SmallRye JWT reads the hub's issuer, this
 * department's client id and the hub's key set through the {@code mp.jwt.verify.*} properties, which point here
 * (application.properties), so each is set once.
 */
@ConfigMapping(prefix = "department")
public interface DepartmentConfig {

    /** The hub whose access tokens this department accepts. */
    Hub hub();

    /** This department's client id at the hub: the {@code aud} of every token meant for it. */
    String clientId();

    /** A certificate of residence: substantial by default (the person's identity was checked in person once). */
    Service residenceCertificate();

    /** Moving one's social security to this region: high by default (money follows the person). */
    Service socialSecurityTransfer();

    interface Hub {

        /** Where the hub serves {@code /v1/jwks}. */
        URI url();

        /**
         * The {@code iss} the hub writes in its tokens: its OAuth issuer, the public base URL it is reached at
         * ({@code YMT_HUB_PUBLIC_URL}, shared by all its instances); its entity id is claim {@code ymt_entity}.
         */
        String issuer();
    }

    interface Service {

        /** The lowest level of assurance the service accepts; the hub's own minimum for this client may be lower. */
        LevelOfAssurance minimumLevel();
    }
}
