// SPDX-License-Identifier: GPL-2.0
#include <linux/compiler.h>
#include <linux/printk.h>

#include "helper.h"

/* Not inlined, and not a tail call: a frame of its own in the trace. */
noinline int kp_extmod_helper(int from)
{
	dump_stack();
	barrier();
	return from - from;
}
