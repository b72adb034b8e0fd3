// SPDX-License-Identifier: GPL-2.0
/*
 * The kit's external module: prints a backtrace while its init runs (with
 * trace_init=1), and again, from its core code, when
 * /sys/module/kp_extmod/parameters/trace is written. Writing "bench"
 * prints the time of %pS and %pB on one of its addresses, writing "warn"
 * a warning, whose RIP line is an instruction here.
 */
#include <linux/init.h>
#include <linux/kallsyms.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "sub/helper.h"

static int kp_extmod_trace_set(const char *val, const struct kernel_param *kp)
{
	int ret;

	pr_info("kp_extmod: trace from core code\n");
	ret = kp_extmod_helper(2);
	pr_info("kp_extmod: core trace done\n");	/* no tail call */
	return ret;
}

static const struct kernel_param_ops kp_extmod_trace_ops = {
	.set = kp_extmod_trace_set,
};
module_param_cb(trace, &kp_extmod_trace_ops, NULL, 0200);

static int kp_extmod_warn_set(const char *val, const struct kernel_param *kp)
{
	WARN(1, "kp_extmod: warning as asked\n");
	return 0;
}

static const struct kernel_param_ops kp_extmod_warn_ops = {
	.set = kp_extmod_warn_set,
};
module_param_cb(warn, &kp_extmod_warn_ops, NULL, 0200);

#define KP_EXTMOD_CALLS 2000

/* ns per call of %pS and %pB (sprint_backtrace()) on an address here. */
static int kp_extmod_bench_set(const char *val, const struct kernel_param *kp)
{
	void *addr = (void *)kp_extmod_helper + 3;
	char buf[KSYM_SYMBOL_LEN];
	u64 ns[2];
	int i, k;

	for (k = 0; k < 2; k++) {
		ns[k] = ktime_get_ns();
		for (i = 0; i < KP_EXTMOD_CALLS; i++)
			snprintf(buf, sizeof(buf), k ? "%pB" : "%pS", addr);
		ns[k] = (ktime_get_ns() - ns[k]) / KP_EXTMOD_CALLS;
	}
	pr_info("kp_extmod: %%pS %llu ns, %%pB %llu ns per call (%s)\n", ns[0], ns[1], buf);
	return 0;
}

static const struct kernel_param_ops kp_extmod_bench_ops = {
	.set = kp_extmod_bench_set,
};
module_param_cb(bench, &kp_extmod_bench_ops, NULL, 0200);

static bool trace_init;
module_param(trace_init, bool, 0);

static noinline int __init kp_extmod_init_frame(void)
{
	int ret;

	pr_info("kp_extmod: trace from init code\n");
	ret = kp_extmod_helper(1);
	pr_info("kp_extmod: init trace done\n");	/* no tail call */
	return ret;
}

static int __init kp_extmod_init(void)
{
	return trace_init ? kp_extmod_init_frame() : 0;
}
module_init(kp_extmod_init);

static void __exit kp_extmod_exit(void)
{
}
module_exit(kp_extmod_exit);

MODULE_DESCRIPTION("kallsyms-paths kit: an external module with a backtrace");
MODULE_LICENSE("GPL");
