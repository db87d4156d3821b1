/**
 * Appeals (DESIGN.md §9, REQ-APL-1): correction requests filed by members, routed through the tree to the home
 * platform of the subject's region, tracked here, and the home's decision travelling back the same way.
 */
package org.yimatong.hub.appeals;
