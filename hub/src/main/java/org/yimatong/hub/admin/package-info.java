/** Operator authentication for the admin endpoints. The admin operations themselves live with their capability. */
package org.yimatong.hub.admin;
