/** The operators' credential (the admin bearer token). The admin operations themselves live with their capability. */
package org.yimatong.hub.admin;
