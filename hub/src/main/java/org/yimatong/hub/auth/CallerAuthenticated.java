package org.yimatong.hub.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks an endpoint only members and the parent hub may call. The request is refused with 401 unless it
 * carries a valid client certificate or {@code Ymt-Client-Assertion}, and with 403 for a suspended member.
 * The resource then reads the {@link Caller} from {@link CurrentCaller}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface CallerAuthenticated {
}
