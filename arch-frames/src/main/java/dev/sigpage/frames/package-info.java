/**
 * Signal frames, trampolines and validated restore for x86-64, AArch64 and RISC-V 64.
 */
package dev.sigpage.frames;
