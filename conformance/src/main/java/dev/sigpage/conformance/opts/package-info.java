/**
 * Clean-room scenarios for the Open POSIX Test Suite's signal assertions, one file per interface. Each case is
 * written from the assertion's text and the observable behaviour of its test programs; no code or text of the suite
 * (GPL-2.0) is copied: the assertion ids and a paraphrase in the project's own words only.
 */
package dev.sigpage.conformance.opts;
