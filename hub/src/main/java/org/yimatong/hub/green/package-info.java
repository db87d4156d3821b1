/**
 * {@code POST /v1/green-lookups} (REQ-GREEN-1): a subject's status from list state, and for {@code live=true} from
 * its home too, through the {@link org.yimatong.hub.green.GreenLookupRoutes green lookup route}. List storage lives
 * in {@code lists}.
 */
package org.yimatong.hub.green;
