// SPDX-License-Identifier: GPL-2.0
/*
 * The kit's external module: prints a backtrace while its init runs, and
 * again, from its core code, when /sys/module/kp_extmod/parameters/trace
 * is written.
 */
#include <linux/init.h>
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
	return kp_extmod_init_frame();
}
module_init(kp_extmod_init);

static void __exit kp_extmod_exit(void)
{
}
module_exit(kp_extmod_exit);

MODULE_DESCRIPTION("kallsyms-paths kit: an external module with a backtrace");
MODULE_LICENSE("GPL");
