/**
 * The {@code v1} dialect: a member that serves the v1 member contract itself ({@code /member/v1/...}). The
 * adapter passes requests through and checks that each answer is inside the contract; nothing is translated.
 */
package org.yimatong.adapters.v1;
