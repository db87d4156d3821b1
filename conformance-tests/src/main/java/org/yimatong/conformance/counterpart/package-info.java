/**
 * The side the suite plays: identities with keys it generates or loads (the hub, when testing a member; members and
 * the parent, when testing a hub), the client assertions they sign, and an embedded WireMock listener on 127.0.0.1
 * where the target's calls to them arrive. No tests here; nothing plan-specific.
 */
package org.yimatong.conformance.counterpart;
