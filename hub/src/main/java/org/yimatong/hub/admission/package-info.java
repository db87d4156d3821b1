/**
 * Which requests the hub takes on at all (REQ-HA-4): past its cap on requests in flight it sheds load early with 503
 * {@code overloaded} ({@link org.yimatong.hub.admission.OverloadShedding}), and an authenticated member or hub
 * past its own quota is answered 429 {@code quota-exceeded} ({@link org.yimatong.hub.admission.CallerQuotas}),
 * both with {@code Retry-After}, so one caller's flood neither slows nor refuses the others.
 */
package org.yimatong.hub.admission;
