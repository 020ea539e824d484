/*
 * Linux signal-frame probe for arch-frames tests: freestanding (no libc), static, non-PIE; one source for x86-64
 * (run natively, the real kernel is the oracle) and AArch64 / RISC-V 64 (run under qemu-user).
 *
 *   linux_frame info                 x86-64: XSAVE facts (xcr0, user size, components, mxcsr mask)
 *   linux_frame OPTION... go         one delivery:
 *     fill B            fill both stack regions with byte B before anything runs
 *     sig N             the signal (default 10)
 *     send tgkill|queue|block
 *                       how it is raised: tgkill(self); rt_tgsigqueueinfo(self) with si_code SI_QUEUE and
 *                       si_value 0x1122334455667788; or (block, N must be 14) a read() from an empty pipe that
 *                       ITIMER_REAL interrupts 50 ms later (exit status 3 if the timer fired before the read
 *                       started, as a loaded machine may let it: run again)
 *     flags X           sa_flags (x86-64 always adds SA_RESTORER with the harness's own restorer)
 *     samask X          sa_mask
 *     mask X            blocked mask while the signal is raised
 *     alt SP SIZE FL    sigaltstack(SP, SIZE, FL)
 *     sp X              the stack pointer at the system call that raises the signal
 *     flagsreg X        x86-64 rflags at that system call
 *     dump LO HI        the handler prints memory [LO, HI)
 *     return            the handler returns through the frame instead of dumping; the interrupted code then
 *                       reports the registers it resumed with
 *     write ADDR HEX    store bytes after the fill (a delivery's writes); must be given consecutively
 *     set NAME VALUE    with jump: a register at handler entry (consecutive; the rest as the probe's pattern)
 *     jump ADDR         instead of raising a signal, load the set registers and jump to ADDR as a delivery
 *                       would enter a handler; the handler returns through the frame, rt_sigreturn reads it
 *     edit OFF SIZE V   (up to 8 times, implies return) the handler first stores V (SIZE 1, 2, 4 or 8 bytes)
 *                       at frame + OFF (OFF may be fp+N: from the x86-64 fpstate)
 *
 * On x86-64 the probe first takes one page fault at 0x1000 (handled), so that the thread's sticky fault
 * information in the frame is known: cr2 0x1000, err 4 (user read of a page not present), trapno 14.
 *
 * Output lines are key=0xVALUE: in.REG (the register file at the raising system call), next (the address after
 * it), restorer, entry.REG (every register at handler entry, recorded before any C code runs, on a private
 * stack), entry.mask (the blocked mask inside the handler), mem.addr / mem.hex, after.REG (resumed registers).
 * Both stack regions are private mappings at fixed addresses: main 0x20000000-0x20010000, alt
 * 0x10000000-0x10010000.
 */
#include "freestanding.h"

#define MAIN_LO 0x20000000UL
#define ALT_LO 0x10000000UL
#define REGION 0x10000UL

#if defined(__x86_64__)
static const char *const NAMES[] = {"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10",
                                    "r11", "r12", "r13", "r14", "r15", "rflags"};
#define NNAMES 17
#define RET 0
#define ARG0 5
#define ARG1 4
#define ARG2 3
#define ARG3 10
#define NRREG 0
#define SPREG 7
/* g_in: the register file to raise the signal with; g_entry / g_after: recorded registers (NNAMES slots). */
#define X86_LOAD_ALL                                                                                             \
    "  lea g_in(%rip), %rax\n  pushq 128(%rax)\n  popfq\n"                                                        \
    "  mov 8(%rax), %rbx\n  mov 16(%rax), %rcx\n  mov 24(%rax), %rdx\n  mov 32(%rax), %rsi\n"                    \
    "  mov 40(%rax), %rdi\n  mov 48(%rax), %rbp\n  mov 64(%rax), %r8\n  mov 72(%rax), %r9\n"                     \
    "  mov 80(%rax), %r10\n  mov 88(%rax), %r11\n  mov 96(%rax), %r12\n  mov 104(%rax), %r13\n"                 \
    "  mov 112(%rax), %r14\n  mov 120(%rax), %r15\n  mov 56(%rax), %rsp\n  mov 0(%rax), %rax\n"
/* Records every register but rflags into the NNAMES slots at sym (rax first, through itself as the base). */
#define X86_SAVE_ALL(sym)                                                                                        \
    "  mov %rax, " sym "(%rip)\n  lea " sym "(%rip), %rax\n"                                                      \
    "  mov %rbx, 8(%rax)\n  mov %rcx, 16(%rax)\n  mov %rdx, 24(%rax)\n  mov %rsi, 32(%rax)\n"                    \
    "  mov %rdi, 40(%rax)\n  mov %rbp, 48(%rax)\n  mov %rsp, 56(%rax)\n  mov %r8, 64(%rax)\n"                     \
    "  mov %r9, 72(%rax)\n  mov %r10, 80(%rax)\n  mov %r11, 88(%rax)\n  mov %r12, 96(%rax)\n"                    \
    "  mov %r13, 104(%rax)\n  mov %r14, 112(%rax)\n  mov %r15, 120(%rax)\n"
__asm__(".text\n"
        ".globl _start\n_start:\n  mov %rsp, %rdi\n  and $-16, %rsp\n  call cmain\n  hlt\n"
        ".globl fire\nfire:\n"
        X86_LOAD_ALL "  syscall\n"
        ".globl fire_next\nfire_next:\n"
        X86_SAVE_ALL("g_after")
        "  lea g_stack2+8192(%rip), %rsp\n  pushfq\n  pop 128(%rax)\n  cld\n  call after_main\n  hlt\n"
        ".globl handler_entry\nhandler_entry:\n"
        X86_SAVE_ALL("g_entry")
        "  lea g_stack+8192(%rip), %rsp\n  pushfq\n  pop 128(%rax)\n  cld\n  call handler_main\n"
        "  mov g_entry+56(%rip), %rsp\n  ret\n"
        ".globl restorer\nrestorer:\n  mov $15, %rax\n  syscall\n  hlt\n"
        ".globl jump\njump:\n" X86_LOAD_ALL "  jmp *g_target(%rip)\n"
        ".globl do_fault\ndo_fault:\n  mov $0x1000, %rax\n  mov (%rax), %rax\n"
        ".globl fault_resume\nfault_resume:\n  ret\n");
#elif defined(__aarch64__)
static const char *const NAMES[] = {"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
                                    "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21", "x22",
                                    "x23", "x24", "x25", "x26", "x27", "x28", "x29", "x30", "sp", "nzcv"};
#define NNAMES 33
#define RET 0
#define ARG0 0
#define ARG1 1
#define ARG2 2
#define ARG3 3
#define NRREG 8
#define SPREG 31
#define A64_LOAD_ALL                                                                                             \
    "  adrp x30, g_in\n  add x30, x30, :lo12:g_in\n"                                                              \
    "  ldr x0, [x30, #256]\n  msr nzcv, x0\n  ldr x0, [x30, #248]\n  mov sp, x0\n"                                \
    "  ldp x0, x1, [x30, #0]\n  ldp x2, x3, [x30, #16]\n  ldp x4, x5, [x30, #32]\n  ldp x6, x7, [x30, #48]\n"    \
    "  ldp x8, x9, [x30, #64]\n  ldp x10, x11, [x30, #80]\n  ldp x12, x13, [x30, #96]\n"                         \
    "  ldp x14, x15, [x30, #112]\n  ldp x16, x17, [x30, #128]\n  ldp x18, x19, [x30, #144]\n"                    \
    "  ldp x20, x21, [x30, #160]\n  ldp x22, x23, [x30, #176]\n  ldp x24, x25, [x30, #192]\n"                    \
    "  ldp x26, x27, [x30, #208]\n  ldp x28, x29, [x30, #224]\n  ldr x30, [x30, #240]\n"
/* Records every register, sp and nzcv into the NNAMES slots at sym; x30 is parked in tpidr_el0 as the base. */
#define A64_SAVE_ALL(sym)                                                                                        \
    "  msr tpidr_el0, x30\n  adrp x30, " sym "\n  add x30, x30, :lo12:" sym "\n"                                  \
    "  stp x0, x1, [x30, #0]\n  stp x2, x3, [x30, #16]\n  stp x4, x5, [x30, #32]\n  stp x6, x7, [x30, #48]\n"    \
    "  stp x8, x9, [x30, #64]\n  stp x10, x11, [x30, #80]\n  stp x12, x13, [x30, #96]\n"                         \
    "  stp x14, x15, [x30, #112]\n  stp x16, x17, [x30, #128]\n  stp x18, x19, [x30, #144]\n"                    \
    "  stp x20, x21, [x30, #160]\n  stp x22, x23, [x30, #176]\n  stp x24, x25, [x30, #192]\n"                    \
    "  stp x26, x27, [x30, #208]\n  str x28, [x30, #224]\n  str x29, [x30, #232]\n"                             \
    "  mrs x0, tpidr_el0\n  str x0, [x30, #240]\n  mov x0, sp\n  str x0, [x30, #248]\n"                          \
    "  mrs x0, nzcv\n  str x0, [x30, #256]\n"
__asm__(".text\n"
        ".globl _start\n_start:\n  mov x0, sp\n  bl cmain\n  b .\n"
        ".globl fire\nfire:\n" A64_LOAD_ALL "  svc #0\n"
        ".globl fire_next\nfire_next:\n"
        A64_SAVE_ALL("g_after")
        "  adrp x0, g_stack2\n  add x0, x0, :lo12:g_stack2\n  add x0, x0, #4096\n  add sp, x0, #4096\n"
        "  bl after_main\n  b .\n"
        ".globl handler_entry\nhandler_entry:\n"
        A64_SAVE_ALL("g_entry")
        "  adrp x0, g_stack\n  add x0, x0, :lo12:g_stack\n  add x0, x0, #4096\n  add sp, x0, #4096\n"
        "  bl handler_main\n"
        "  adrp x0, g_entry\n  add x0, x0, :lo12:g_entry\n  ldr x1, [x0, #248]\n  mov sp, x1\n"
        "  ldr x30, [x0, #240]\n  ret\n"
        ".globl restorer\nrestorer:\n  mov x8, #139\n  svc #0\n  b .\n"
        /* x16 (IP0) carries the target: its value at entry is not part of the state a frame restores */
        ".globl jump\njump:\n" A64_LOAD_ALL "  adrp x16, g_target\n  ldr x16, [x16, :lo12:g_target]\n  br x16\n");
#elif defined(__riscv)
/* slot n holds x(n+1); slot 31 is unused (pc is reported separately) */
static const char *const NAMES[] = {"ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2",
                                    "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8",
                                    "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
#define NNAMES 31
#define RET 9
#define ARG0 9
#define ARG1 10
#define ARG2 11
#define ARG3 12
#define NRREG 16
#define SPREG 1
#define RV_LOAD_ALL(base)                                                                                        \
    "  ld x1, 0(" base ")\n  ld x2, 8(" base ")\n  ld x3, 16(" base ")\n  ld x4, 24(" base ")\n"                \
    "  ld x5, 32(" base ")\n  ld x6, 40(" base ")\n  ld x7, 48(" base ")\n  ld x8, 56(" base ")\n"              \
    "  ld x9, 64(" base ")\n  ld x10, 72(" base ")\n  ld x11, 80(" base ")\n  ld x12, 88(" base ")\n"           \
    "  ld x13, 96(" base ")\n  ld x14, 104(" base ")\n  ld x15, 112(" base ")\n  ld x16, 120(" base ")\n"       \
    "  ld x17, 128(" base ")\n  ld x18, 136(" base ")\n  ld x19, 144(" base ")\n  ld x20, 152(" base ")\n"      \
    "  ld x21, 160(" base ")\n  ld x22, 168(" base ")\n  ld x23, 176(" base ")\n  ld x24, 184(" base ")\n"      \
    "  ld x25, 192(" base ")\n  ld x26, 200(" base ")\n  ld x27, 208(" base ")\n  ld x28, 216(" base ")\n"      \
    "  ld x29, 224(" base ")\n  ld x30, 232(" base ")\n"
#define RV_SAVE_ALL(base)                                                                                        \
    "  sd x1, 0(" base ")\n  sd x2, 8(" base ")\n  sd x3, 16(" base ")\n  sd x4, 24(" base ")\n"                \
    "  sd x5, 32(" base ")\n  sd x6, 40(" base ")\n  sd x7, 48(" base ")\n  sd x8, 56(" base ")\n"              \
    "  sd x9, 64(" base ")\n  sd x10, 72(" base ")\n  sd x11, 80(" base ")\n  sd x12, 88(" base ")\n"           \
    "  sd x13, 96(" base ")\n  sd x14, 104(" base ")\n  sd x15, 112(" base ")\n  sd x16, 120(" base ")\n"       \
    "  sd x17, 128(" base ")\n  sd x18, 136(" base ")\n  sd x19, 144(" base ")\n  sd x20, 152(" base ")\n"      \
    "  sd x21, 160(" base ")\n  sd x22, 168(" base ")\n  sd x23, 176(" base ")\n  sd x24, 184(" base ")\n"      \
    "  sd x25, 192(" base ")\n  sd x26, 200(" base ")\n  sd x27, 208(" base ")\n  sd x28, 216(" base ")\n"      \
    "  sd x29, 224(" base ")\n  sd x30, 232(" base ")\n"
/* t6 (x31) is the base register: fire loads it last; the recorders park it in f31 first (the D extension is
   present) so that every integer register is recorded as it was. */
__asm__(".text\n"
        ".globl _start\n_start:\n"
        "  .option push\n  .option norelax\n  la gp, __global_pointer$\n  .option pop\n"
        "  mv a0, sp\n  call cmain\n  j .\n"
        ".globl fire\nfire:\n"
        "  la x31, g_in\n" RV_LOAD_ALL("x31") "  ld x31, 240(x31)\n"
        "  ecall\n"
        ".globl fire_next\nfire_next:\n"
        "  fmv.d.x f31, x31\n  la x31, g_after\n" RV_SAVE_ALL("x31") "  fmv.x.d x5, f31\n  sd x5, 240(x31)\n"
        "  la sp, g_stack2+8192\n  call after_main\n  j .\n"
        ".globl handler_entry\nhandler_entry:\n"
        "  fmv.d.x f31, x31\n  la x31, g_entry\n" RV_SAVE_ALL("x31") "  fmv.x.d x5, f31\n  sd x5, 240(x31)\n"
        "  la sp, g_stack+8192\n  call handler_main\n"
        "  la t0, g_entry\n  ld sp, 8(t0)\n  ld ra, 0(t0)\n  ret\n"
        ".globl restorer\nrestorer:\n  li a7, 139\n  ecall\n  j .\n"
        /* t6 carries the target: loaded last from g_target, its entry value is not restored by a frame */
        ".globl jump\njump:\n  la x31, g_in\n" RV_LOAD_ALL("x31") "  la x31, g_target\n  ld x31, 0(x31)\n"
        "  jr x31\n");
#else
#error "unsupported architecture"
#endif

#if defined(__x86_64__)
#define NR_READ 0
#define NR_WRITE 1
#define NR_MMAP 9
#define NR_SIGACTION 13
#define NR_SIGPROCMASK 14
#define NR_PIPE2 293
#define NR_SETITIMER 38
#define NR_GETPID 39
#define NR_GETTID 186
#define NR_SIGALTSTACK 131
#define NR_TGKILL 234
#define NR_TGSIGQUEUEINFO 297
#define NR_EXIT_GROUP 231
#define NR_GETUID 102
#else
/* AArch64 and RISC-V 64 share the generic system call table. */
#define NR_READ 63
#define NR_WRITE 64
#define NR_MMAP 222
#define NR_SIGACTION 134
#define NR_SIGPROCMASK 135
#define NR_PIPE2 59
#define NR_SETITIMER 103
#define NR_GETPID 172
#define NR_GETTID 178
#define NR_SIGALTSTACK 132
#define NR_TGKILL 131
#define NR_TGSIGQUEUEINFO 240
#define NR_EXIT_GROUP 94
#define NR_GETUID 174
#endif
#define SA_RESTORER 0x04000000UL
#define ITIMER_REAL 0

u64 g_in[40], g_entry[40], g_after[40];
u64 g_target;
u8 g_stack[8192] __attribute__((aligned(16)));
u8 g_stack2[8192] __attribute__((aligned(16)));
static u8 g_info[128] __attribute__((aligned(8)));
static u8 g_buf[16];
static char **g_writes;
static int g_nwrites;
static char **g_sets;
static int g_nsets;
static int g_jump;
static u64 g_dump_lo, g_dump_hi, g_edit_off[8], g_edit_size[8], g_edit_val[8];
static int g_edit, g_return, g_edit_fp[8];

extern void fire(void);
extern void jump(void);
extern char fire_next[], handler_entry[], restorer[];

static i64 sys(i64 n, i64 a, i64 b, i64 c, i64 d) {
    return sys6(n, a, b, c, d, 0, 0);
}

static void out(const char *s, unsigned long n) {
    sys(NR_WRITE, 1, (i64) s, (i64) n, 0);
}

static void puts_(const char *s) {
    out(s, slen(s));
}

static void die(const char *why) {
    puts_("error=");
    puts_(why);
    puts_("\n");
    sys(NR_EXIT_GROUP, 2, 0, 0, 0);
}

static void kv(const char *prefix, const char *key, u64 v) {
    static const char digits[] = "0123456789abcdef";
    char buf[24];
    int i = 0;
    int shift;
    puts_(prefix);
    puts_(key);
    buf[i++] = '=';
    buf[i++] = '0';
    buf[i++] = 'x';
    for (shift = 60; shift > 0 && ((v >> shift) & 15) == 0; shift -= 4) {
    }
    for (; shift >= 0; shift -= 4) {
        buf[i++] = digits[(v >> shift) & 15];
    }
    buf[i++] = '\n';
    out(buf, (unsigned long) i);
}

static void dump(u64 lo, u64 hi) {
    static const char digits[] = "0123456789abcdef";
    char line[130];
    kv("", "mem.addr", lo);
    puts_("mem.hex=");
    while (lo < hi) {
        int n = 0;
        while (lo < hi && n < 128) {
            u8 b = *(volatile u8 *) lo++;
            line[n++] = digits[b >> 4];
            line[n++] = digits[b & 15];
        }
        out(line, (unsigned long) n);
    }
    puts_("\n");
}

static u64 num(const char *s) {
    u64 v = 0;
    int neg = 0;
    if (*s == '-') {
        neg = 1;
        s++;
    }
    if (s[0] == '0' && s[1] == 'x') {
        for (s += 2; *s; s++) {
            v = v * 16 + (u64) (*s <= '9' ? *s - '0' : (*s | 32) - 'a' + 10);
        }
    } else {
        for (; *s; s++) {
            v = v * 10 + (u64) (*s - '0');
        }
    }
    return neg ? -v : v;
}

static int eq(const char *a, const char *b) {
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static void print_regs(const char *prefix, const u64 *regs) {
    int i;
    for (i = 0; i < NNAMES; i++) {
        kv(prefix, NAMES[i], regs[i]);
    }
}

static u64 blocked(void) {
    u64 m = 0;
    sys(NR_SIGPROCMASK, 0, 0, (i64) &m, 8);
    return m;
}

static int g_block;

#if defined(__x86_64__)
#define SYSCALL_LEN 2
#else
#define SYSCALL_LEN 4
#endif

/* The frame's saved program counter: the timer of "send block" may fire before the read() is entered. */
static u64 saved_pc(void) {
    u64 frame = g_entry[SPREG];
#if defined(__x86_64__)
    return *(u64 *) (frame + 176);
#elif defined(__aarch64__)
    return *(u64 *) (frame + 568);
#else
    return *(u64 *) (frame + 304);
#endif
}

void handler_main(void) {
    if (g_block && saved_pc() != (u64) fire_next && saved_pc() != (u64) fire_next - SYSCALL_LEN) {
        /* The signal did not interrupt the read (a loaded machine let the timer expire first): say so. */
        sys(NR_EXIT_GROUP, 3, 0, 0, 0);
    }
    if (!g_return) {
        print_regs("in.", g_in);
        kv("", "next", (u64) fire_next);
        kv("", "restorer", (u64) restorer);
        kv("", "handler", (u64) handler_entry);
        kv("", "uid", (u64) sys(NR_GETUID, 0, 0, 0, 0));
        print_regs("entry.", g_entry);
        kv("", "entry.mask", blocked());
        dump(g_dump_lo, g_dump_hi);
        sys(NR_EXIT_GROUP, 0, 0, 0, 0);
    }
    for (int e = 0; e < g_edit; e++) {
        u64 frame = g_entry[SPREG];
#if defined(__x86_64__)
        u64 base = g_edit_fp[e] ? *(u64 *) (frame + 232) : frame;
#else
        u64 base = frame;
#endif
        u64 at = base + g_edit_off[e];
        if (g_edit_size[e] == 1) {
            *(u8 *) at = (u8) g_edit_val[e];
        } else if (g_edit_size[e] == 2) {
            *(unsigned short *) at = (unsigned short) g_edit_val[e];
        } else if (g_edit_size[e] == 4) {
            *(u32 *) at = (u32) g_edit_val[e];
        } else {
            *(u64 *) at = g_edit_val[e];
        }
    }
}

void after_main(void) {
    print_regs("in.", g_in);
    kv("", "handler", (u64) handler_entry);
    kv("", "restorer", (u64) restorer);
    kv("", "uid", (u64) sys(NR_GETUID, 0, 0, 0, 0));
    print_regs("after.", g_after);
    kv("", "after.mask", blocked());
    kv("", "next", (u64) fire_next);
    sys(NR_EXIT_GROUP, 0, 0, 0, 0);
}

#if defined(__x86_64__)
static void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d) {
    __asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}

static void info(void) {
    u32 a, b, c, d;
    u32 xlo, xhi;
    static u8 fx[512] __attribute__((aligned(64)));
    int i;
    cpuid(1, 0, &a, &b, &c, &d);
    kv("", "xsave", (c >> 26) & 1);
    kv("", "osxsave", (c >> 27) & 1);
    __asm__ volatile("fxsave %0" : "=m"(fx));
    kv("", "mxcsr_mask", *(u32 *) (fx + 28));
    if (!((c >> 27) & 1)) {
        return;
    }
    __asm__ volatile("xgetbv" : "=a"(xlo), "=d"(xhi) : "c"(0));
    kv("", "xcr0", ((u64) xhi << 32) | xlo);
    cpuid(0xd, 0, &a, &b, &c, &d);
    kv("", "size", b);
    for (i = 2; i < 63; i++) {
        if (((((u64) xhi << 32) | xlo) >> i) & 1) {
            char key[16] = "comp.";
            u32 sa, sb, sc, sd;
            key[5] = (char) ('0' + i / 10);
            key[6] = (char) ('0' + i % 10);
            key[7] = 0;
            cpuid(0xd, (u32) i, &sa, &sb, &sc, &sd);
            kv("", key, ((u64) sb << 32) | sa);
        }
    }
}
#endif

#if defined(__x86_64__)
extern void do_fault(void);
extern char fault_resume[];

/* SIGSEGV from do_fault: resume after the faulting load (ucontext's rip is at uc + 168). */
static void on_fault(int sig, void *info, void *uc) {
    (void) sig;
    (void) info;
    *(u64 *) ((u8 *) uc + 168) = (u64) fault_resume;
}
#endif

struct ksigaction {
    void *handler;
    u64 flags;
#if !defined(__riscv)
    void *restorer;
#endif
    u64 mask;
};

struct kstack {
    u64 sp;
    int flags;
    int pad;
    u64 size;
};

struct itimerval {
    i64 interval_sec, interval_usec, value_sec, value_usec;
};

void cmain(u64 *sp) {
    long argc = (long) sp[0];
    char **argv = (char **) (sp + 1);
    int i;
    u64 sig = 10, flags = 0, samask = 0, mask = 0, stack = MAIN_LO + REGION - 0x100, fill = 0xa5;
    u64 alt_sp = 0, alt_size = 0, alt_flags = 0;
    int have_alt = 0;
    const char *send = "tgkill";
#if defined(__x86_64__)
    u64 flagsreg = 0xed7;
#elif defined(__aarch64__)
    u64 flagsreg = 0x60000000;
#endif
    struct ksigaction act;
    i64 pid, tid;

    if (argc > 1 && eq(argv[1], "info")) {
#if defined(__x86_64__)
        info();
#endif
        sys(NR_EXIT_GROUP, 0, 0, 0, 0);
    }
    for (i = 1; i < argc; i++) {
        const char *c = argv[i];
        if (eq(c, "fill") && i + 1 < argc) {
            fill = num(argv[++i]);
        } else if (eq(c, "sig") && i + 1 < argc) {
            sig = num(argv[++i]);
        } else if (eq(c, "send") && i + 1 < argc) {
            send = argv[++i];
        } else if (eq(c, "flags") && i + 1 < argc) {
            flags = num(argv[++i]);
        } else if (eq(c, "samask") && i + 1 < argc) {
            samask = num(argv[++i]);
        } else if (eq(c, "mask") && i + 1 < argc) {
            mask = num(argv[++i]);
        } else if (eq(c, "alt") && i + 3 < argc) {
            alt_sp = num(argv[i + 1]);
            alt_size = num(argv[i + 2]);
            alt_flags = num(argv[i + 3]);
            have_alt = 1;
            i += 3;
        } else if (eq(c, "sp") && i + 1 < argc) {
            stack = num(argv[++i]);
        } else if (eq(c, "flagsreg") && i + 1 < argc) {
#if defined(__riscv)
            i++;
#else
            flagsreg = num(argv[++i]);
#endif
        } else if (eq(c, "dump") && i + 2 < argc) {
            g_dump_lo = num(argv[i + 1]);
            g_dump_hi = num(argv[i + 2]);
            i += 2;
        } else if (eq(c, "edit") && i + 3 < argc && g_edit < 8) {
            const char *off = argv[i + 1];
            if (off[0] == 'f' && off[1] == 'p' && off[2] == '+') {
                g_edit_fp[g_edit] = 1;
                off += 3;
            }
            g_edit_off[g_edit] = num(off);
            g_edit_size[g_edit] = num(argv[i + 2]);
            g_edit_val[g_edit] = num(argv[i + 3]);
            g_edit++;
            g_return = 1;
            i += 3;
        } else if (eq(c, "return")) {
            g_return = 1;
        } else if (eq(c, "write") && i + 2 < argc) {
            if (!g_writes) {
                g_writes = argv + i;
            }
            g_nwrites++;
            i += 2;
        } else if (eq(c, "set") && i + 2 < argc) {
            if (!g_sets) {
                g_sets = argv + i;
            }
            g_nsets++;
            i += 2;
        } else if (eq(c, "jump") && i + 1 < argc) {
            g_target = num(argv[++i]);
            g_jump = 1;
            g_return = 1;
        } else if (eq(c, "go")) {
            break;
        } else {
            die("unknown command");
        }
    }
    if ((u64) sys6(NR_MMAP, (i64) MAIN_LO, REGION, 3, 0x32, -1, 0) != MAIN_LO
        || (u64) sys6(NR_MMAP, (i64) ALT_LO, REGION, 3, 0x32, -1, 0) != ALT_LO) {
        die("mmap");
    }
    memset((void *) MAIN_LO, (int) fill, REGION);
    memset((void *) ALT_LO, (int) fill, REGION);
    for (i = 0; i < g_nwrites; i++) {
        /* "write ADDR HEX" triples, contiguous in argv from the first one */
        u8 *to = (u8 *) num(g_writes[3 * i + 1]);
        const char *h = g_writes[3 * i + 2];
        for (; h[0] && h[1]; h += 2) {
            *to++ = (u8) (((h[0] <= '9' ? h[0] - '0' : (h[0] | 32) - 'a' + 10) << 4)
                          | (h[1] <= '9' ? h[1] - '0' : (h[1] | 32) - 'a' + 10));
        }
    }
    if (have_alt) {
        struct kstack ss = {alt_sp, (int) alt_flags, 0, alt_size};
        if (sys(NR_SIGALTSTACK, (i64) &ss, 0, 0, 0) != 0) {
            die("sigaltstack");
        }
    }
#if defined(__x86_64__)
    /* A thread's fault information (err, trapno, cr2) is sticky and may be inherited from whatever forked us:
       fault once at a known address so that the frame's copy is known (cr2 0x1000, err 4, trapno 14). */
    memset(&act, 0, sizeof act);
    act.handler = (void *) on_fault;
    act.flags = 4 | SA_RESTORER;
    act.restorer = restorer;
    if (sys(NR_SIGACTION, 11, (i64) &act, 0, 8) != 0) {
        die("sigaction");
    }
    do_fault();
    act.handler = 0;
    act.flags = SA_RESTORER;
    sys(NR_SIGACTION, 11, (i64) &act, 0, 8);
#endif
    memset(&act, 0, sizeof act);
    act.handler = handler_entry;
    act.flags = flags;
    act.mask = samask;
#if defined(__x86_64__)
    act.flags |= SA_RESTORER;
    act.restorer = restorer;
#elif defined(__aarch64__)
    if (flags & SA_RESTORER) {
        act.restorer = restorer;
    }
#endif
    if (sys(NR_SIGACTION, (i64) sig, (i64) &act, 0, 8) != 0) {
        die("sigaction");
    }
    if (sys(NR_SIGPROCMASK, 2, (i64) &mask, 0, 8) != 0) {
        die("sigprocmask");
    }
    if (g_jump) {
        /* "set NAME VALUE" triples: the handler's entry registers, as a delivery sets them */
        int n, k;
        for (n = 0; n < g_nsets; n++) {
            const char *name = g_sets[3 * n + 1];
            for (k = 0; k < NNAMES && !eq(NAMES[k], name); k++) {
            }
            if (k == NNAMES) {
                die("unknown register");
            }
            g_in[k] = num(g_sets[3 * n + 2]);
        }
        jump();
    }
    pid = sys(NR_GETPID, 0, 0, 0, 0);
    tid = sys(NR_GETTID, 0, 0, 0, 0);
    for (i = 0; i < NNAMES; i++) {
        g_in[i] = (0x1111111111111111UL * (u64) (i % 15 + 1)) ^ ((u64) (i + 1) << 56) ^ 0x0102030405060708UL;
    }
#if defined(__x86_64__)
    g_in[16] = flagsreg;
#elif defined(__aarch64__)
    g_in[32] = flagsreg;
    g_in[18] = 0; /* x18, the platform register: qemu's own code may not care, keep it plain */
#endif
    g_in[SPREG] = stack;
    g_in[ARG0] = (u64) pid;
    g_in[ARG1] = (u64) tid;
    g_in[ARG2] = sig;
    if (eq(send, "tgkill")) {
        g_in[NRREG] = NR_TGKILL;
    } else if (eq(send, "queue")) {
        memset(g_info, 0, sizeof g_info);
        *(int *) g_info = (int) sig;
        *(int *) (g_info + 8) = -1;
        *(int *) (g_info + 16) = (int) pid;
        *(int *) (g_info + 20) = (int) sys(NR_GETUID, 0, 0, 0, 0);
        *(u64 *) (g_info + 24) = 0x1122334455667788UL;
        memset(g_info + 32, 0x77, 16);
        g_in[NRREG] = NR_TGSIGQUEUEINFO;
        g_in[ARG3] = (u64) g_info;
    } else if (eq(send, "block")) {
        int fds[2];
        struct itimerval it = {0, 0, 0, 50000};
        g_block = 1;
        if (sys(NR_PIPE2, (i64) fds, 0, 0, 0) != 0 || sys(NR_SETITIMER, ITIMER_REAL, (i64) &it, 0, 0) != 0) {
            die("pipe or setitimer");
        }
        g_in[NRREG] = NR_READ;
        g_in[ARG0] = (u64) fds[0];
        g_in[ARG1] = (u64) g_buf;
        g_in[ARG2] = 1;
    } else {
        die("unknown send");
    }
    fire();
}
