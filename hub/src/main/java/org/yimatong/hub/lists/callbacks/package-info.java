/** Subscriptions and the Camel route that calls members back when new changes exist, with redelivery. */
package org.yimatong.hub.lists.callbacks;
