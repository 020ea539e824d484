/**
 * The executable Redox-versus-POSIX report: a catalogue of named scenarios, each run on a {@link
 * dev.sigpage.impl.Profile#POSIX} and a {@link dev.sigpage.impl.Profile#REDOX} kernel, printed as a Markdown table
 * ({@link dev.sigpage.impl.report.ProfileReport#main}).
 */
package dev.sigpage.impl.report;
