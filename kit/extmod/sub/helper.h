/* SPDX-License-Identifier: GPL-2.0 */
int kp_extmod_helper(int from);
