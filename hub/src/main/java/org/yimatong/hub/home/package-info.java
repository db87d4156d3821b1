/** The hub's local folder and the secrets a single-machine hub keeps there when none is configured. */
package org.yimatong.hub.home;
