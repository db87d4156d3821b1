/**
 * The {@code national-relay} dialect: the national relay's code check, asked with the {@code bizExtData} token
 * read from a code and answered with risk levels {@code 00}/{@code 01}/{@code 02} beside masked personal fields,
 * which the adapter drops. Native shape and mapping: module README.
 */
package org.yimatong.adapters.nationalrelay;
