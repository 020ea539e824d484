/**
 * Signal numbers, signal sets, sigaction and siginfo values, error codes and the layout descriptors of the
 * shared signal pages.
 */
package dev.sigpage.api;
