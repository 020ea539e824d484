/**
 * The shared signal pages as Agrona buffers and the lock-free protocol over them.
 */
package dev.sigpage.impl;
