package org.yimatong.hub.auth;

/**
 * The roles of an authenticated caller (REQ-AUTH-1, REQ-REG-2), for {@code @RolesAllowed}: every member record is a
 * {@link #MEMBER}; one with region prefixes is also a {@link #PLATFORM} (or a {@link #HUB}), one without is a
 * {@link #CLIENT}; this hub's parent is a {@link #HUB}; the holder of the admin token an {@link #OPERATOR}.
 */
public final class Roles {

    public static final String MEMBER = "member";
    public static final String PLATFORM = "platform";
    public static final String HUB = "hub";
    public static final String CLIENT = "client";
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
