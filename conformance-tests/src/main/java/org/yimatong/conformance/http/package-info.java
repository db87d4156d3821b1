/**
 * What the suite says on the wire and what it keeps of it: a recording HTTP client whose every exchange (method,
 * URL, status, headers, bodies, time) is kept for the report, redacted of credentials, codes, tokens and ID numbers
 * before it is stored. Expectations on answers (status, JSON, problem documents) live with the answer.
 */
package org.yimatong.conformance.http;
