/**
 * The black-box conformance suite of the v1 contract: {@code engine} runs declared tests, {@code http} records what
 * was said on the wire, {@code counterpart} plays the other side (hub, members, parent), {@code plans.*} hold the
 * tests, {@code catalogue} checks that every SHALL of DESIGN.md is tested, {@code report} writes the signed results
 * and {@code cli} is the runner. Talks HTTP only; never links an implementation.
 */
package org.yimatong.conformance;
