/** The HMAC-SM3 list key of each epoch (REQ-LIST-1): generated once, sealed at rest, handed to members. */
package org.yimatong.hub.lists.keys;
