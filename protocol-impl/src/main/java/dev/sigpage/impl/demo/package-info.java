/**
 * A runnable tour of the protocol.
 */
package dev.sigpage.impl.demo;
