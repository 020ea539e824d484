/*
 * Execution harness for arch-frames tests: freestanding (no libc), static, non-PIE, one source for x86-64,
 * AArch64 and RISC-V 64.
 *
 *   harness addresses                 prints handler=0x... restorer=0x...
 *   harness CMD...                    runs commands in order:
 *     map ADDR LEN rw|rwx             mmap anonymous memory at exactly ADDR
 *     fill ADDR LEN BYTE              fill memory (canaries)
 *     write ADDR HEX                  store bytes (a delivery's writes)
 *     watch ADDR LEN                  after the sigreturn is observed, print mem.ADDR=HEX
 *     trap NR                         x86-64 only: seccomp filter turning syscall NR into SIGSYS
 *     reg VALUE                       next entry register, in the order FRAMES.md lists them
 *     go                              load the entry registers and jump to the handler
 *
 * The handler records its entry registers (entry.sp, entry.arg0, entry.arg1, entry.ret, entry.flags), prints
 * them, then returns the way a C function does: x86-64 'ret' pops [rsp]; AArch64 and RISC-V jump to x30/ra with
 * sp restored. Before returning it plants the exit system call number in x8/a7, so a trampoline that fails to
 * set the number register (the seed's AArch64 defect) visibly makes exit(x0) instead.
 *
 * The sigreturn system call is observed from outside the code under test: on x86-64 by the kernel itself
 * (seccomp SECCOMP_RET_TRAP: SIGSYS reports the number, the ucontext the argument register); on AArch64 and
 * RISC-V by qemu-user's -strace log. After the call the trampoline's brk/ebreak raises SIGTRAP, whose handler
 * prints "trap" and the watched memory and exits 0.
 */
#include "freestanding.h"

u64 g_entry[5]; /* sp, arg0, arg1, ret, flags */
static u64 g_regs[5];
static int g_nregs;
static u64 g_watch_addr[8], g_watch_len[8];
static int g_nwatch;

#if defined(__x86_64__)
#define NR_WRITE 1
#define NR_MMAP 9
#define NR_RT_SIGACTION 13
#define NR_EXIT_GROUP 231
#define NR_PRCTL 157
#define NR_SECCOMP 317
__asm__(".text\n"
        ".globl _start\n_start:\n"
        "  mov %rsp, %rdi\n  and $-16, %rsp\n  call cmain\n  hlt\n"
        ".globl enter\nenter:\n"
        "  mov 24(%rdi), %rax\n  push %rax\n  popfq\n"
        "  mov 0(%rdi), %rax\n  mov 8(%rdi), %rsp\n  mov 16(%rdi), %rdi\n  jmp *%rax\n"
        ".globl handler_entry\nhandler_entry:\n"
        "  mov %rsp, g_entry(%rip)\n  mov %rdi, g_entry+8(%rip)\n  mov %rsi, g_entry+16(%rip)\n"
        "  mov (%rsp), %rax\n  mov %rax, g_entry+24(%rip)\n"
        "  pushfq\n  pop %rax\n  mov %rax, g_entry+32(%rip)\n"
        "  and $-16, %rsp\n  call handler_report\n"
        "  mov g_entry(%rip), %rsp\n  mov $60, %eax\n  ret\n"
        ".globl restorer\nrestorer:\n"
        "  lea -8(%rsp), %rdi\n  mov $123, %rax\n  syscall\n  ud2\n"
        ".globl sig_restorer\nsig_restorer:\n  hlt\n");
#elif defined(__aarch64__)
#define NR_WRITE 64
#define NR_MMAP 222
#define NR_RT_SIGACTION 134
#define NR_EXIT_GROUP 94
__asm__(".text\n"
        ".globl _start\n_start:\n  mov x0, sp\n  bl cmain\n  b .\n"
        ".globl enter\nenter:\n"
        "  mov x9, x0\n  ldr x10, [x9]\n  ldr x11, [x9, #8]\n  mov sp, x11\n"
        "  ldr x0, [x9, #16]\n  ldr x1, [x9, #24]\n  ldr x30, [x9, #32]\n  br x10\n"
        ".globl handler_entry\nhandler_entry:\n"
        "  ldr x9, =g_entry\n  mov x10, sp\n  str x10, [x9]\n  str x0, [x9, #8]\n  str x1, [x9, #16]\n"
        "  str x30, [x9, #24]\n  mrs x10, nzcv\n  str x10, [x9, #32]\n"
        "  bl handler_report\n"
        "  ldr x9, =g_entry\n  ldr x10, [x9]\n  mov sp, x10\n  ldr x30, [x9, #24]\n"
        "  mov x8, #93\n  ret\n"
        ".ltorg\n"
        ".globl restorer\nrestorer:\n  mov x0, sp\n  mov w8, #123\n  svc #0\n  brk #0\n");
#elif defined(__riscv)
#define NR_WRITE 64
#define NR_MMAP 222
#define NR_RT_SIGACTION 134
#define NR_EXIT_GROUP 94
__asm__(".text\n"
        ".globl _start\n_start:\n"
        "  .option push\n  .option norelax\n  la gp, __global_pointer$\n  .option pop\n"
        "  mv a0, sp\n  call cmain\n  j .\n"
        ".globl enter\nenter:\n"
        "  mv t0, a0\n  ld t1, 0(t0)\n  ld sp, 8(t0)\n  ld a0, 16(t0)\n  ld a1, 24(t0)\n  ld ra, 32(t0)\n"
        "  jr t1\n"
        ".globl handler_entry\nhandler_entry:\n"
        "  la t0, g_entry\n  sd sp, 0(t0)\n  sd a0, 8(t0)\n  sd a1, 16(t0)\n  sd ra, 24(t0)\n  sd zero, 32(t0)\n"
        "  call handler_report\n"
        "  la t0, g_entry\n  ld sp, 0(t0)\n  ld ra, 24(t0)\n  li a7, 93\n  ret\n"
        ".globl restorer\nrestorer:\n  mv a0, sp\n  li a7, 123\n  ecall\n  ebreak\n");
#else
#error "unsupported architecture"
#endif

extern void enter(u64 *regs);
extern void handler_entry(void);
extern void restorer(void);

static void out(const char *s) {
    sys6(NR_WRITE, 1, (i64) s, (i64) slen(s), 0, 0, 0);
}

static void die(const char *s) {
    out("error=");
    out(s);
    out("\n");
    sys6(NR_EXIT_GROUP, 97, 0, 0, 0, 0, 0);
}

static void out_hex(const char *key, u64 v) {
    char buf[19];
    int i;
    out(key);
    out("=0x");
    for (i = 15; i >= 0; i--) {
        buf[15 - i] = "0123456789abcdef"[(v >> (4 * i)) & 0xf];
    }
    buf[16] = '\n';
    buf[17] = 0;
    out(buf);
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static u64 num(const char *s) {
    u64 v = 0;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        for (s += 2; *s; s++) {
            if (hexval(*s) < 0) die("bad number");
            v = v * 16 + (u64) hexval(*s);
        }
    } else {
        for (; *s; s++) {
            if (*s < '0' || *s > '9') die("bad number");
            v = v * 10 + (u64) (*s - '0');
        }
    }
    return v;
}

static void dump_watches(void) {
    char buf[2 * 4096 + 1];
    int w;
    for (w = 0; w < g_nwatch; w++) {
        const u8 *p = (const u8 *) g_watch_addr[w];
        u64 i;
        out_hex("mem.addr", g_watch_addr[w]);
        for (i = 0; i < g_watch_len[w] && i < 4096; i++) {
            buf[2 * i] = "0123456789abcdef"[p[i] >> 4];
            buf[2 * i + 1] = "0123456789abcdef"[p[i] & 0xf];
        }
        buf[2 * i] = 0;
        out("mem.hex=");
        out(buf);
        out("\n");
    }
}

void handler_report(void) {
    out_hex("entry.sp", g_entry[0]);
    out_hex("entry.arg0", g_entry[1]);
    out_hex("entry.arg1", g_entry[2]);
    out_hex("entry.ret", g_entry[3]);
    out_hex("entry.flags", g_entry[4]);
}

/* The kernel's struct sigaction layout for the fields used: handler, flags, restorer (x86-64, AArch64), mask. */
struct ksigaction {
    void *handler;
    u64 flags;
    void *restorer;
    u64 mask;
};

#define SA_SIGINFO 4UL
#define SA_RESTORER 0x04000000UL

static void on_trap(int sig, void *info, void *uc) {
    (void) info;
    (void) uc;
    out_hex("trap", (u64) sig);
    dump_watches();
    sys6(NR_EXIT_GROUP, 0, 0, 0, 0, 0, 0);
}

#if defined(__x86_64__)
extern void sig_restorer(void);

static void on_sigsys(int sig, void *info, void *uc) {
    (void) sig;
    out_hex("syscall.nr", (u64) *(int *) ((u8 *) info + 24));
    out_hex("syscall.addr", *(u64 *) ((u8 *) info + 16));
    /* ucontext: uc_flags, uc_link, uc_stack (24 bytes), then sigcontext r8..r15, rdi (index 8). */
    out_hex("syscall.arg0", *(u64 *) ((u8 *) uc + 40 + 8 * 8));
    dump_watches();
    sys6(NR_EXIT_GROUP, 0, 0, 0, 0, 0, 0);
}

struct sock_filter {
    u16 code;
    u8 jt;
    u8 jf;
    u32 k;
};

struct sock_fprog {
    u16 len;
    struct sock_filter *filter;
};

static void install_trap(u64 nr) {
    static struct sock_filter filter[4];
    static struct sock_fprog prog;
    struct ksigaction act;
    filter[0] = (struct sock_filter) {0x20, 0, 0, 0};               /* ld [0]: seccomp_data.nr */
    filter[1] = (struct sock_filter) {0x15, 0, 1, (u32) nr};        /* jeq nr */
    filter[2] = (struct sock_filter) {0x06, 0, 0, 0x00030000};      /* ret SECCOMP_RET_TRAP */
    filter[3] = (struct sock_filter) {0x06, 0, 0, 0x7fff0000};      /* ret SECCOMP_RET_ALLOW */
    prog.len = 4;
    prog.filter = filter;
    act.handler = (void *) on_sigsys;
    act.flags = SA_SIGINFO | SA_RESTORER;
    act.restorer = (void *) sig_restorer;
    act.mask = 0;
    if (sys6(NR_RT_SIGACTION, 31, (i64) &act, 0, 8, 0, 0) != 0) die("rt_sigaction SIGSYS");
    if (sys6(NR_PRCTL, 38, 1, 0, 0, 0, 0) != 0) die("no_new_privs");
    if (sys6(NR_SECCOMP, 1, 0, (i64) &prog, 0, 0, 0) != 0) die("seccomp");
}
#endif

static void install_traps(void) {
    struct ksigaction act;
    act.handler = (void *) on_trap;
    act.flags = SA_SIGINFO;
    act.restorer = 0;
    act.mask = 0;
#if defined(__x86_64__)
    act.flags |= SA_RESTORER;
    act.restorer = (void *) sig_restorer;
#endif
    if (sys6(NR_RT_SIGACTION, 5, (i64) &act, 0, 8, 0, 0) != 0) die("rt_sigaction SIGTRAP");
    if (sys6(NR_RT_SIGACTION, 4, (i64) &act, 0, 8, 0, 0) != 0) die("rt_sigaction SIGILL");
}

static int eq(const char *a, const char *b) {
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

void cmain(u64 *sp) {
    int argc = (int) sp[0];
    char **argv = (char **) (sp + 1);
    int i = 1;
    if (argc == 2 && eq(argv[1], "addresses")) {
        out_hex("handler", (u64) handler_entry);
        out_hex("restorer", (u64) restorer);
        sys6(NR_EXIT_GROUP, 0, 0, 0, 0, 0, 0);
    }
    install_traps();
    while (i < argc) {
        const char *c = argv[i];
        if (eq(c, "map") && i + 3 < argc) {
            u64 addr = num(argv[i + 1]);
            u64 len = num(argv[i + 2]);
            i64 prot = eq(argv[i + 3], "rwx") ? 7 : 3;
            /* MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED */
            if ((u64) sys6(NR_MMAP, (i64) addr, (i64) len, prot, 0x02 | 0x20 | 0x10, -1, 0) != addr) die("mmap");
            i += 4;
        } else if (eq(c, "fill") && i + 3 < argc) {
            memset((void *) num(argv[i + 1]), (int) num(argv[i + 3]), num(argv[i + 2]));
            i += 4;
        } else if (eq(c, "write") && i + 2 < argc) {
            u8 *p = (u8 *) num(argv[i + 1]);
            const char *h = argv[i + 2];
            while (h[0] && h[1]) {
                if (hexval(h[0]) < 0 || hexval(h[1]) < 0) die("bad hex");
                *p++ = (u8) (hexval(h[0]) * 16 + hexval(h[1]));
                h += 2;
            }
            i += 3;
        } else if (eq(c, "watch") && i + 2 < argc && g_nwatch < 8) {
            g_watch_addr[g_nwatch] = num(argv[i + 1]);
            g_watch_len[g_nwatch] = num(argv[i + 2]);
            g_nwatch++;
            i += 3;
        } else if (eq(c, "reg") && i + 1 < argc && g_nregs < 5) {
            g_regs[g_nregs++] = num(argv[i + 1]);
            i += 2;
#if defined(__x86_64__)
        } else if (eq(c, "trap") && i + 1 < argc) {
            install_trap(num(argv[i + 1]));
            i += 2;
#endif
        } else if (eq(c, "go")) {
            out("go\n");
            enter(g_regs);
            die("returned from enter");
        } else {
            die(c);
        }
    }
    die("no go");
}
