// SPDX-License-Identifier: GPL-2.0
/*
 * Tiny static init for the kit's QEMU boots: shows what the demo wants to
 * see, triggers a backtrace, waits for the in-kernel self-tests and powers
 * the guest off through QEMU's isa-debug-exit port with a status
 * (0: everything ran, 1: something init needed was missing); where there
 * is no such port (arm64), the "done" line says it, and init exits.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <sys/io.h>
#endif
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define EXIT_PORT 0xf4

static int failed;

static void guest_exit(int status)
{
	fflush(stdout);
	sync();
#if defined(__x86_64__) || defined(__i386__)
	if (ioperm(EXIT_PORT, 4, 1) == 0)
		outb(status, EXIT_PORT);
#endif
	_exit(status);	/* no debug-exit device: the kernel panics, -no-reboot */
}

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	int ok;

	if (fd < 0)
		return -1;
	ok = write(fd, s, strlen(s)) == (ssize_t)strlen(s);
	close(fd);
	return ok ? 0 : -1;
}

/* Print the lines of a file that contain one of the words, at most max. */
static void grep_file(const char *path, const char *const *words, int max)
{
	char line[1024];
	FILE *f = fopen(path, "r");
	int shown = 0;

	if (!f) {
		printf("kit: cannot open %s\n", path);
		failed = 1;
		return;
	}
	while (shown < max && fgets(line, sizeof(line), f)) {
		for (const char *const *w = words; *w; w++) {
			if (strstr(line, *w)) {
				printf("kit:   %s", line);
				shown++;
				break;
			}
		}
	}
	fclose(f);
}

/* Print a whole file, each line prefixed, for the host to check. */
static void dump_file(const char *path, const char *prefix)
{
	char line[1024];
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		printf("%s%s", prefix, line);
	fclose(f);
}

/* Read a whole file three times; print the fastest read, for make bench. */
static void time_read(const char *path)
{
	static char buf[1 << 16];
	long best = -1, bytes = 0;

	for (int i = 0; i < 3; i++) {
		struct timespec t0, t1;
		int fd = open(path, O_RDONLY);
		ssize_t n;
		long us;

		if (fd < 0)
			return;
		bytes = 0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			bytes += n;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		close(fd);
		us = (t1.tv_sec - t0.tv_sec) * 1000000 +
		     (t1.tv_nsec - t0.tv_nsec) / 1000;
		if (best < 0 || us < best)
			best = us;
	}
	printf("kit: read %s: %ld bytes in %ld us (fastest of 3)\n", path, bytes, best);
}

/* Wait until the kernel log holds one of two strings, up to some seconds. */
static int wait_klog(const char *s1, const char *s2, int seconds)
{
	static char buf[1 << 20];

	for (int i = 0; i < seconds * 10; i++) {
		int n = klogctl(3, buf, sizeof(buf) - 1);	/* read all */

		if (n > 0) {
			buf[n] = '\0';
			if (strstr(buf, s1) || strstr(buf, s2))
				return 0;
		}
		usleep(100000);
	}
	return -1;
}

/* Count the lines of module @mod ("[mod]") in @path, printing them after @prefix. */
static int module_symbols(const char *path, const char *mod, const char *prefix)
{
	char line[1024], tag[64];
	FILE *f = fopen(path, "r");
	int n = 0;

	snprintf(tag, sizeof(tag), "\t[%s]", mod);
	while (f && fgets(line, sizeof(line), f)) {
		if (!strstr(line, tag))
			continue;
		n++;
		if (prefix)
			printf("%s%s", prefix, line);
	}
	if (f)
		fclose(f);
	return n;
}

/* Open the module in @path and announce it; -1 if there is none. */
static int module_open(const char *path, const char *mod)
{
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	printf("kit: ==== module %s (%s)\n", mod, path);
	fflush(stdout);
	tcdrain(STDOUT_FILENO);
	return fd;
}

/*
 * Load the module in @path (it prints a backtrace from its init), make it
 * print one from its core code, then unload it. Absent file: nothing.
 */
static void module_trace(const char *path, const char *mod)
{
	char param[128];
	int fd = module_open(path, mod);

	if (fd < 0)
		return;
	if (syscall(SYS_finit_module, fd, "trace_init=1", 0)) {
		printf("kit: cannot load %s\n", path);
		failed = 1;
		close(fd);
		return;
	}
	close(fd);
	printf("kit: %s: %d symbols in /proc/kallsyms\n", mod,
	       module_symbols("/proc/kallsyms", mod, NULL));
	printf("kit: %s: %d symbols in /proc/kallsyms_paths\n", mod,
	       module_symbols("/proc/kallsyms_paths", mod, "km: "));
	fflush(stdout);
	tcdrain(STDOUT_FILENO);
	snprintf(param, sizeof(param), "/sys/module/%s/parameters/trace", mod);
	if (write_file(param, "1") < 0) {
		printf("kit: cannot write %s\n", param);
		failed = 1;
	}
	snprintf(param, sizeof(param), "/sys/module/%s/parameters/warn", mod);
	write_file(param, "1");
	snprintf(param, sizeof(param), "/sys/module/%s/parameters/bench", mod);
	write_file(param, "1");
	if (syscall(SYS_delete_module, mod, O_NONBLOCK)) {
		printf("kit: cannot unload %s\n", mod);
		failed = 1;
	}
	printf("kit: %s unloaded: %d symbols in /proc/kallsyms, %d in /proc/kallsyms_paths\n",
	       mod, module_symbols("/proc/kallsyms", mod, NULL),
	       module_symbols("/proc/kallsyms_paths", mod, NULL));
}

/* Load and unload the module in @path (a KUnit suite runs as it loads). */
static void module_load(const char *path, const char *mod)
{
	int fd = module_open(path, mod);

	if (fd < 0)
		return;
	if (syscall(SYS_finit_module, fd, "", 0) ||
	    syscall(SYS_delete_module, mod, O_NONBLOCK)) {
		printf("kit: cannot load and unload %s\n", path);
		failed = 1;
	}
	close(fd);
}

/* Microseconds to load and unload the module in @path, or -1. */
static long load_time(const char *path, const char *mod)
{
	struct timespec t0, t1;
	int fd = open(path, O_RDONLY);
	long us;

	if (fd < 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (syscall(SYS_finit_module, fd, "", 0)) {
		close(fd);
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	close(fd);
	us = (t1.tv_sec - t0.tv_sec) * 1000000 + (t1.tv_nsec - t0.tv_nsec) / 1000;
	return syscall(SYS_delete_module, mod, O_NONBLOCK) ? -1 : us;
}

/* The module's load time with and without its table, fastest of 5 each. */
static void module_load_times(const char *with, const char *without, const char *mod)
{
	long best[2] = { -1, -1 }, us;

	if (access(with, R_OK) || access(without, R_OK))
		return;
	for (int i = 0; i < 10; i++) {
		us = load_time(i % 2 ? without : with, mod);
		if (us < 0) {
			printf("kit: cannot load and unload %s\n", i % 2 ? without : with);
			failed = 1;
			return;
		}
		if (best[i % 2] < 0 || us < best[i % 2])
			best[i % 2] = us;
	}
	printf("kit: load %s: %ld us with .kallsyms_paths, %ld us without (fastest of 5)\n",
	       mod, best[0], best[1]);
}

int main(void)
{
	static const char *const syms[] = {
		" dump_stack_lvl", " kallsyms_lookup_name", " jiffies\n",
		" init_task", " sysrq_handle_showallcpus", NULL
	};
	static const char *const paths_file = "/proc/kallsyms_paths";
	struct utsname u;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);

	/* The kallsyms self-test runs in a kthread once the system is up. */
	if (wait_klog("kallsyms_selftest: finish", "kallsyms_selftest: abort",
		      1500) < 0) {
		printf("kit: kallsyms_selftest did not end\n");
		failed = 1;
	}

	uname(&u);
	printf("kit: ==== kernel %s %s\n", u.release, u.version);

	printf("kit: ==== symbols (/proc/kallsyms)\n");
	grep_file("/proc/kallsyms", syms, 5);
	if (access(paths_file, R_OK) == 0) {
		printf("kit: ==== symbols with source (%s)\n", paths_file);
		grep_file(paths_file, syms, 5);
	} else {
		printf("kit: ==== no %s in this kernel\n", paths_file);
	}
	time_read("/proc/kallsyms");
	time_read(paths_file);
	printf("kit: ==== dump of /proc/kallsyms and %s\n", paths_file);
	klogctl(8, NULL, 1);	/* console quiet: no lines in between */
	dump_file("/proc/kallsyms", "kk: ");
	dump_file(paths_file, "kp: ");
	klogctl(8, NULL, 7);

	printf("kit: ==== backtrace (echo l > /proc/sysrq-trigger)\n");
	fflush(stdout);
	/* The kernel prints to the console at once: let this line out first. */
	tcdrain(STDOUT_FILENO);
	if (write_file("/proc/sysrq-trigger", "l") < 0) {
		printf("kit: cannot write /proc/sysrq-trigger\n");
		failed = 1;
	}
	sleep(1);

	module_trace("/kp_extmod.ko", "kp_extmod");
	module_trace("/kp_extmod_bad.ko", "kp_extmod");
	module_trace("/kp_extmod_nodebug.ko", "kp_extmod");
	module_trace("/kp_extmod_stripped.ko", "kp_extmod");
	module_load_times("/kp_extmod.ko", "/kp_extmod_nopaths.ko", "kp_extmod");
	module_load("/kallsyms_paths_module_kunit.ko", "kallsyms_paths_module_kunit");
	module_load("/test_printf.ko", "test_printf");

	printf("kit: ==== done (%s)\n", failed ? "FAILED" : "ok");
	guest_exit(failed);
	return 0;
}
