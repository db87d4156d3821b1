/** {@code POST /v1/green-lookups} (REQ-GREEN-1): a subject's status from list state. List storage lives in {@code lists}. */
package org.yimatong.hub.green;
